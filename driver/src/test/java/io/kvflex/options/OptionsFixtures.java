package io.kvflex.options;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Kubelet-shaped option maps for tests. */
final class OptionsFixtures {
  static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
  static final String CLIENT_ID = "11111111-2222-3333-4444-555555555555";
  static final String SENTINEL_SECRET = "S3NT1NEL-client-secret-do-not-print";
  static final String POD_UID = "0c3b9a1e-5f7d-4a2b-9c8e-1d2f3a4b5c6d";
  static final String MOUNT_DIR = "/var/lib/kubelet/pods/" + POD_UID + "/volumes/azure~kv/secrets";

  private OptionsFixtures() {}

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /** What the kubelet passes for a service-principal volume with two secrets. */
  static Map<String, String> servicePrincipal() {
    Map<String, String> m = kubeletKeys();
    m.put("keyvaultname", "myvault");
    m.put("keyvaultobjectnames", "db-password;api-key");
    m.put("keyvaultobjecttypes", "secret;secret");
    m.put("tenantid", TENANT);
    m.put("kubernetes.io/secret/clientid", b64(CLIENT_ID));
    m.put("kubernetes.io/secret/clientsecret", b64(SENTINEL_SECRET));
    return m;
  }

  /** A pod-identity volume (no secretRef). */
  static Map<String, String> podIdentity() {
    Map<String, String> m = kubeletKeys();
    m.put("keyvaultname", "myvault");
    m.put("keyvaultobjectnames", "db-password");
    m.put("keyvaultobjecttypes", "secret");
    m.put("tenantid", TENANT);
    m.put("usepodidentity", "true");
    return m;
  }

  static Map<String, String> kubeletKeys() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("kubernetes.io/fsType", "");
    m.put("kubernetes.io/readwrite", "rw");
    m.put("kubernetes.io/pvOrVolumeName", "secrets");
    m.put("kubernetes.io/pod.name", "web-0");
    m.put("kubernetes.io/pod.namespace", "shop");
    m.put("kubernetes.io/pod.uid", POD_UID);
    m.put("kubernetes.io/serviceAccount.name", "default");
    return m;
  }

  /** Flat JSON like the kubelet's json.Marshal (keys as given, strings escaped). */
  static String json(Map<String, String> m) {
    StringBuilder b = new StringBuilder("{");
    for (Map.Entry<String, String> e : m.entrySet()) {
      if (b.length() > 1) {
        b.append(',');
      }
      b.append(quote(e.getKey())).append(':').append(quote(e.getValue()));
    }
    return b.append('}').toString();
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        default -> b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
