package io.kvflex.e2e.steps;

import io.kvflex.e2e.framework.LocalVaultFixture;
import io.kvflex.e2e.framework.Mount;
import io.kvflex.e2e.framework.PodSpec;
import io.kvflex.localvault.seed.ServicePrincipalSpec;
import io.kvflex.testsupport.KeyMaterial;
import io.kvflex.testsupport.Pem;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Builds the pods scenarios talk about and mounts them through the backend, recording every reply.
 * Every pod points at the scenario vault through the cloud environment file ({@code cloudname:
 * AzureStackCloud}), as an Azure Stack Hub user would.
 */
public final class Pods {
  static final String DEFAULT_NAMESPACE = "default";
  static final String DEFAULT_POD = "app";
  static final String DEFAULT_VOLUME = "kv";

  /** The PKCS#12 password used when a client certificate is handed over as PKCS#12. */
  static final String P12_PASSWORD = "e2e-p12-password";

  private final World world;
  private final VaultContext vault;
  private final MountContext mounts;

  public Pods(World world, VaultContext vault, MountContext mounts) {
    this.world = world;
    this.vault = vault;
    this.mounts = mounts;
  }

  /** A pod in {@code default} named {@code app} with the vault options and no identity yet. */
  PodSpec pod(String volume) {
    return pod(DEFAULT_NAMESPACE, DEFAULT_POD, volume);
  }

  PodSpec pod(String namespace, String name, String volume) {
    LocalVaultFixture lv = world.vault();
    Map<String, String> options = new LinkedHashMap<>();
    options.put("keyvaultname", LocalVaultFixture.VAULT);
    options.put("tenantid", lv.tenantId());
    options.put("cloudname", "AzureStackCloud");
    options.put("cloudenvfilename", world.backend().cloudEnvFile());
    return new PodSpec(namespace, name, volume, options, Optional.empty(), OptionalLong.empty());
  }

  /** The pod authenticates as service principal {@code sp} with its client secret. */
  PodSpec asServicePrincipal(PodSpec pod, String sp) {
    ServicePrincipalSpec spec = world.vault().servicePrincipal(sp);
    return withCredentials(pod, spec.clientId(), spec.clientSecret().orElseThrow().reveal());
  }

  PodSpec withCredentials(PodSpec pod, String clientId, String clientSecret) {
    vault.clientSecretsUsed.add(clientSecret);
    Map<String, byte[]> creds = new LinkedHashMap<>();
    creds.put("clientid", clientId.getBytes(StandardCharsets.UTF_8));
    creds.put("clientsecret", clientSecret.getBytes(StandardCharsets.UTF_8));
    return new PodSpec(
        pod.namespace(),
        pod.name(),
        pod.volume(),
        pod.options(),
        Optional.of(creds),
        pod.fsGroup());
  }

  /** The pod authenticates as {@code sp} with its client certificate, as PEM or PKCS#12. */
  PodSpec withClientCertificate(PodSpec pod, String sp, String material) {
    String pem = world.vault().clientCertificatePem(sp);
    Map<String, byte[]> creds = new LinkedHashMap<>();
    creds.put(
        "clientid", world.vault().servicePrincipal(sp).clientId().getBytes(StandardCharsets.UTF_8));
    if (material.equals("PEM")) {
      creds.put("clientcert", pem.getBytes(StandardCharsets.US_ASCII));
    } else {
      char[] pw = P12_PASSWORD.toCharArray();
      creds.put("clientcert", KeyMaterial.toPkcs12(Pem.privateKey(pem), Pem.certificates(pem), pw));
      creds.put("clientcertpassword", P12_PASSWORD.getBytes(StandardCharsets.UTF_8));
    }
    return new PodSpec(
        pod.namespace(),
        pod.name(),
        pod.volume(),
        pod.options(),
        Optional.of(creds),
        pod.fsGroup());
  }

  /** Mounts {@code pod}'s volume, snapshotting request counts first. */
  Mount mount(PodSpec pod) {
    mounts.countsBefore = Optional.of(world.vault().counts());
    Mount m = world.backend().mount(pod);
    mounts.recordMount(m);
    return m;
  }

  /** Mounts without touching the "latest" bookkeeping order (concurrent pods). */
  Mount mountConcurrently(PodSpec pod) {
    Mount m = world.backend().mount(pod);
    mounts.recordMount(m);
    return m;
  }

  static Map<String, String> secretObject(String name) {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("keyvaultobjectnames", name);
    o.put("keyvaultobjecttypes", "secret");
    return o;
  }
}
