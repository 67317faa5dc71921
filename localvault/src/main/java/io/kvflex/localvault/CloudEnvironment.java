package io.kvflex.localvault;

import io.kvflex.localvault.http.HostNames;
import io.kvflex.localvault.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cloud environment file (Azure SDK environment format, plus kvflex's own {@code "kvflex"}
 * object) describing a running localvault.
 */
final class CloudEnvironment {
  private CloudEnvironment() {}

  static String json(HostNames h, int https, int imds, int nmi, String caPem) {
    String port = ":" + https;
    Map<String, Object> ids = new LinkedHashMap<>();
    ids.put("keyVault", h.vaultResource());
    ids.put("graph", "https://" + h.graphHost() + "/");
    Map<String, Object> kvflex = new LinkedHashMap<>();
    kvflex.put("imdsEndpoint", "http://127.0.0.1:" + imds);
    kvflex.put("nmiEndpoint", "http://127.0.0.1:" + nmi);
    kvflex.put("caCertificates", caPem);
    kvflex.put("microsoftGraphEndpoint", "https://" + h.graphHost() + port + "/");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "LocalVault");
    m.put("activeDirectoryEndpoint", "https://" + h.loginHost() + port + "/");
    m.put("resourceManagerEndpoint", "https://" + h.managementHost() + port + "/");
    m.put("graphEndpoint", "https://" + h.graphHost() + port + "/");
    m.put("keyVaultEndpoint", h.vaultResource() + "/");
    m.put("keyVaultDNSSuffix", h.vaultSuffix() + port);
    m.put("tokenAudience", "https://" + h.managementHost() + "/");
    m.put("resourceIdentifiers", ids);
    m.put("kvflex", kvflex);
    return Json.writeString(m);
  }
}
