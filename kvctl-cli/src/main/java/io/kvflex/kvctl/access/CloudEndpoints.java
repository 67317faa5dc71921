package io.kvflex.kvctl.access;

import io.kvflex.cloud.CloudEnvironment;
import io.kvflex.errors.UserInputException;
import io.kvflex.vault.VaultEndpoints;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;

/** Endpoints check-access derives from a {@link CloudEnvironment}. */
final class CloudEndpoints {
  private CloudEndpoints() {}

  /** ARM and Microsoft Graph; both must be known for the cloud. */
  static AccessEndpoints access(CloudEnvironment cloud) {
    String arm =
        cloud
            .resourceManagerEndpoint()
            .map(Object::toString)
            .orElseThrow(
                () ->
                    new UserInputException(
                        "cloud "
                            + cloud.name()
                            + " has no resourceManagerEndpoint; add it to the cloud environment file"));
    String graph =
        cloud
            .microsoftGraphEndpoint()
            .map(Object::toString)
            .orElseThrow(
                () ->
                    new UserInputException(
                        "cloud "
                            + cloud.name()
                            + " has no Microsoft Graph endpoint; add kvflex.microsoftGraphEndpoint to the"
                            + " cloud environment file, or use --object-id (no Graph lookup)"));
    return AccessEndpoints.of(arm, graph);
  }

  /** The data-plane endpoints the driver's vault client uses. */
  static VaultEndpoints vault(CloudEnvironment cloud) {
    return new VaultEndpoints(
        cloud.authorityHost(),
        cloud.keyVaultDnsSuffix(),
        cloud.vaultResource(),
        Optional.of(cloud.imdsEndpoint()),
        Optional.of(cloud.nmiEndpoint()),
        caPem(cloud));
  }

  /** The cloud's extra CA certificates as PEM (empty when none). */
  static String caPem(CloudEnvironment cloud) {
    StringBuilder sb = new StringBuilder();
    for (X509Certificate c : cloud.caCertificates()) {
      try {
        sb.append("-----BEGIN CERTIFICATE-----\n")
            .append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(c.getEncoded()))
            .append("\n-----END CERTIFICATE-----\n");
      } catch (CertificateEncodingException e) {
        throw new UserInputException(
            "an extra CA certificate of cloud " + cloud.name() + " cannot be encoded");
      }
    }
    return sb.toString();
  }
}
