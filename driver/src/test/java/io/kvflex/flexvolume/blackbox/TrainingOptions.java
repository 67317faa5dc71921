package io.kvflex.flexvolume.blackbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The mounts of the AppCDS training run ({@link AppCdsTraining}): one per identity mode, together
 * every object type and file format, so the archive holds what any real mount loads.
 */
final class TrainingOptions {
  private static final String CERT_APP_ID = "3c4d5e6f-7a8b-4c9d-0e1f-2a3b4c5d6e7f";

  private TrainingOptions() {}

  static Map<String, Map<String, String>> all(LocalVaultFixture lv) {
    Map<String, Map<String, String>> mounts = new LinkedHashMap<>();
    mounts.put(
        "client-secret",
        lv.options(
            Map.of(
                "keyvaultobjectnames", "db-password;blob-base64;rsa-key;ec-key;web-pfx;api-pem",
                "keyvaultobjecttypes", "secret;secret;key;key;secret;cert",
                "keyvaultobjectformats", ";;pem;jwk;pfx;der")));
    Map<String, String> cert = withoutClientSecret(lv, "web-pfx;api-pem", "secret;cert");
    cert.put("keyvaultobjectformats", "pem;pem");
    cert.put("kubernetes.io/secret/clientid", LocalVaultFixture.b64(CERT_APP_ID));
    cert.put(
        "kubernetes.io/secret/clientcert",
        LocalVaultFixture.b64(lv.vault.clientCertificatePem("it-cert-app").orElseThrow()));
    mounts.put("client-certificate", cert);
    Map<String, String> vm = withoutClientSecret(lv, "db-password", "secret");
    vm.put("usevmmanagedidentity", "true");
    mounts.put("vm-managed-identity", vm);
    Map<String, String> pod = withoutClientSecret(lv, "db-password", "secret");
    pod.put("usepodidentity", "true");
    pod.put("nmiport", String.valueOf(lv.vault.nmiPort()));
    mounts.put("pod-identity", pod);
    return mounts;
  }

  private static Map<String, String> withoutClientSecret(
      LocalVaultFixture lv, String names, String types) {
    Map<String, String> o = new LinkedHashMap<>(lv.options(Map.of()));
    o.remove("kubernetes.io/secret/clientid");
    o.remove("kubernetes.io/secret/clientsecret");
    o.put("keyvaultobjectnames", names);
    o.put("keyvaultobjecttypes", types);
    return o;
  }
}
