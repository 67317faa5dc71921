package io.kvflex.vault.credentials;

import io.kvflex.cloud.CloudEndpoints;
import io.kvflex.cloud.CloudEnvironment;
import io.kvflex.options.IdentityMode;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything that makes the identity a token was issued to, as a cache key: two mounts share a
 * cached token only when every field is equal. Holds no secret: a service principal's credential
 * (client secret, or certificate and password) enters only as a {@link CredentialDigest}, so a
 * caller who knows a client id but presents a different secret gets a different key and never rides
 * on another mount's token.
 *
 * @param mode {@code sp-secret}, {@code sp-certificate}, {@code pod} or {@code vm}
 * @param issuer where tokens come from: the Entra authority host, the NMI or the IMDS endpoint
 * @param tenant the volume's tenant (lower case)
 * @param client the service principal's or user-assigned identity's client id (lower case); {@code
 *     system} for the VM's system-assigned identity; empty for pod identity
 * @param pod {@code namespace/name/uid} for pod identity (NMI answers per pod); empty otherwise
 * @param credential the keyed digest of the service principal's credential; empty otherwise
 */
public record IdentityKey(
    String mode, String issuer, String tenant, String client, String pod, String credential) {

  public IdentityKey {
    Objects.requireNonNull(mode);
    Objects.requireNonNull(issuer);
    Objects.requireNonNull(tenant);
    Objects.requireNonNull(client);
    Objects.requireNonNull(pod);
    Objects.requireNonNull(credential);
  }

  /**
   * The key of {@code identity} on {@code cloud} for a volume of {@code tenantId}.
   *
   * @param podUid the pod's uid from the kubelet (pod identity: a new pod with a reused name is a
   *     new identity holder); empty when unknown
   */
  static IdentityKey of(
      IdentityMode identity,
      String tenantId,
      CloudEnvironment cloud,
      String podUid,
      CredentialDigest digest) {
    String tenant = tenantId.toLowerCase(Locale.ROOT);
    if (identity instanceof IdentityMode.ServicePrincipalSecret sp) {
      return new IdentityKey(
          "sp-secret",
          CloudEndpoints.authority(cloud),
          tenant,
          lower(sp.clientId()),
          "",
          digest.of(sp.clientSecret().reveal()));
    }
    if (identity instanceof IdentityMode.ServicePrincipalCertificate sp) {
      byte[] password = sp.password().map(p -> p.reveal()).orElse(new byte[0]);
      byte[] hasPassword = {(byte) (sp.password().isPresent() ? 1 : 0)};
      return new IdentityKey(
          "sp-certificate",
          CloudEndpoints.authority(cloud),
          tenant,
          lower(sp.clientId()),
          "",
          digest.of(sp.certificate().reveal(), hasPassword, password));
    }
    if (identity instanceof IdentityMode.PodIdentity pod) {
      return new IdentityKey(
          "pod",
          cloud.nmiEndpoint().toString(),
          tenant,
          "",
          pod.podNamespace() + "/" + pod.podName() + "/" + podUid,
          "");
    }
    IdentityMode.VmManagedIdentity vm = (IdentityMode.VmManagedIdentity) identity;
    return new IdentityKey(
        "vm",
        cloud.imdsEndpoint().toString(),
        tenant,
        vm.clientId().map(IdentityKey::lower).orElse("system"),
        "",
        "");
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /** For logs: the identity without the credential digest. */
  public String describe() {
    return mode + " " + (client.isEmpty() ? pod : client) + " via " + issuer;
  }

  @Override
  public String toString() {
    return "IdentityKey[" + describe() + "]";
  }
}
