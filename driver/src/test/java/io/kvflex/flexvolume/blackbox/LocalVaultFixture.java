package io.kvflex.flexvolume.blackbox;

import io.kvflex.localvault.LocalVault;
import io.kvflex.localvault.LocalVaultConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A localvault on loopback seeded from {@code seed.yaml}, with the cloud environment file and the
 * hosts file the driver needs, and kubelet-shaped options JSON for it.
 */
final class LocalVaultFixture implements AutoCloseable {
  static final String VAULT = "kvflex-it";
  static final String CLIENT_ID = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
  static final String CLIENT_SECRET = "SENTINEL-client-secret-9d8c7b";
  static final String NO_ACCESS_ID = "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e";
  static final String NO_ACCESS_SECRET = "SENTINEL-client-secret-without-access";
  static final String SENTINEL = "SENTINEL";
  static final String POD_UID = "0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e";

  final LocalVault vault;
  final Path dir;
  final Path cloudEnv;
  final Path hosts;
  final Path log;

  LocalVaultFixture(Path dir) throws Exception {
    this.dir = dir;
    Path seed = dir.resolve("seed.yaml");
    try (var in = LocalVaultFixture.class.getResourceAsStream("seed.yaml")) {
      Files.write(seed, in.readAllBytes());
    }
    vault = LocalVault.start(LocalVaultConfig.fromSeedFile(seed));
    cloudEnv = dir.resolve("cloud-env.json");
    vault.writeCloudEnvironment(cloudEnv);
    // The test JVM resolves vault hosts through this same file (failsafe argLine).
    hosts = Path.of(System.getProperty("kvflex.itHostsFile", dir.resolve("hosts").toString()));
    vault.writeHostsFile(hosts);
    log = dir.resolve("kv-driver.log");
  }

  /** The driver's environment: private log, the hosts file. */
  Map<String, String> env() {
    return KvRun.env(log, Map.of("KVFLEX_HOSTS_FILE", hosts.toString()));
  }

  /** Kubelet-shaped options for a service-principal volume; {@code extra} adds or overrides. */
  Map<String, String> options(Map<String, String> extra) {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("kubernetes.io/fsType", "");
    o.put("kubernetes.io/pod.name", "it-pod");
    o.put("kubernetes.io/pod.namespace", "it-ns");
    o.put("kubernetes.io/pod.uid", POD_UID);
    o.put("kubernetes.io/pvOrVolumeName", "secrets");
    o.put("kubernetes.io/readwrite", "rw");
    o.put("kubernetes.io/serviceAccount.name", "default");
    o.put("kubernetes.io/secret/clientid", b64(CLIENT_ID));
    o.put("kubernetes.io/secret/clientsecret", b64(CLIENT_SECRET));
    o.put("keyvaultname", VAULT);
    o.put("tenantid", vault.tenantId());
    o.put("cloudname", "AzureStackCloud");
    o.put("cloudenvfilename", cloudEnv.toString());
    o.putAll(extra);
    o.values().removeIf(v -> v == null);
    return o;
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    vault.close();
  }
}
