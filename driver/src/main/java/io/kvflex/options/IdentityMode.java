package io.kvflex.options;

import java.util.Objects;
import java.util.Optional;

/** How the driver obtains a token for a mount; exactly one per volume. */
public sealed interface IdentityMode {

  /** Short human name used in messages, e.g. {@code service principal (client secret)}. */
  String describe();

  /** Service principal with a client secret, from the {@code secretRef} Secret. */
  record ServicePrincipalSecret(String clientId, Sensitive clientSecret) implements IdentityMode {
    public ServicePrincipalSecret {
      Objects.requireNonNull(clientId);
      Objects.requireNonNull(clientSecret);
    }

    @Override
    public String describe() {
      return "service principal " + clientId + " (client secret)";
    }
  }

  /**
   * Service principal with a client certificate: {@code certificate} is PEM (certificate + private
   * key) or PKCS#12 bytes, with an optional PKCS#12 password.
   */
  record ServicePrincipalCertificate(
      String clientId, Sensitive certificate, Optional<Sensitive> password)
      implements IdentityMode {
    public ServicePrincipalCertificate {
      Objects.requireNonNull(clientId);
      Objects.requireNonNull(certificate);
      Objects.requireNonNull(password);
    }

    @Override
    public String describe() {
      return "service principal " + clientId + " (client certificate)";
    }
  }

  /** AAD Pod Identity: a token from the node's NMI for the pod the kubelet names. */
  record PodIdentity(String podNamespace, String podName, int nmiPort) implements IdentityMode {
    /** aad-pod-identity's NMI port when option {@code nmiport} is not given. */
    public static final int DEFAULT_NMI_PORT = 2579;

    public PodIdentity {
      Objects.requireNonNull(podNamespace);
      Objects.requireNonNull(podName);
    }

    @Override
    public String describe() {
      return "pod identity for pod " + podNamespace + "/" + podName;
    }
  }

  /** The node's managed identity via IMDS: system-assigned, or user-assigned by client id. */
  record VmManagedIdentity(Optional<String> clientId) implements IdentityMode {
    public VmManagedIdentity {
      Objects.requireNonNull(clientId);
    }

    @Override
    public String describe() {
      return clientId
          .map(id -> "VM managed identity " + id + " (user-assigned)")
          .orElse("VM managed identity (system-assigned)");
    }
  }
}
