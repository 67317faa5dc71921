package io.kvflex.localvault.auth;

import io.kvflex.localvault.seed.SecretText;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * A principal that can get tokens: a service principal (client secret and/or certificate) or a
 * managed identity.
 */
public record Identity(
    Kind kind,
    String name,
    String tenant,
    String clientId,
    String objectId,
    String resourceId,
    Optional<SecretText> clientSecret,
    Optional<ClientCertificate> certificate,
    boolean systemAssigned,
    boolean onVm) {

  /** What kind of principal. */
  public enum Kind {
    SERVICE_PRINCIPAL,
    MANAGED_IDENTITY
  }

  /** A client certificate; the private key is kept only when localvault generated it. */
  public record ClientCertificate(X509Certificate certificate, PrivateKey privateKey) {
    @Override
    public String toString() {
      return "ClientCertificate[" + certificate.getSubjectX500Principal() + "]";
    }
  }
}
