package io.kvflex.localvault.seed;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Parses service principals and managed identities; names and ids must be unique across both. */
final class IdentityParser {
  private final String defaultTenant;
  private final Set<String> tenants;
  private final Set<String> seen = new HashSet<>();

  IdentityParser(String defaultTenant, Set<String> tenants) {
    this.defaultTenant = defaultTenant;
    this.tenants = tenants;
  }

  ServicePrincipalSpec servicePrincipal(YamlNode n) {
    Map<String, YamlNode> f =
        n.fields(
            Set.of(
                "name",
                "tenant",
                "clientId",
                "objectId",
                "clientSecret",
                "certificatePem",
                "generateCertificate"));
    String name = YamlNode.required(n, f, "name").scalar();
    String clientId = id(f, "clientId", "sp-client", name);
    String objectId = id(f, "objectId", "sp-object", name);
    unique(n, name, clientId, objectId);
    Optional<SecretText> secret =
        YamlNode.opt(f, "clientSecret").map(v -> new SecretText(v.scalar()));
    Optional<String> pem = YamlNode.opt(f, "certificatePem").map(YamlNode::scalar);
    boolean generate = YamlNode.opt(f, "generateCertificate").map(YamlNode::bool).orElse(false);
    if (secret.isEmpty() && pem.isEmpty() && !generate) {
      throw n.error(
          "service principal '"
              + name
              + "' has no credential: give clientSecret, certificatePem or generateCertificate: true");
    }
    return new ServicePrincipalSpec(name, tenant(n, f), clientId, objectId, secret, pem, generate);
  }

  ManagedIdentitySpec managedIdentity(YamlNode n) {
    Map<String, YamlNode> f =
        n.fields(
            Set.of(
                "name", "tenant", "clientId", "objectId", "resourceId", "systemAssigned", "onVm"));
    String name = YamlNode.required(n, f, "name").scalar();
    String clientId = id(f, "clientId", "mi-client", name);
    String objectId = id(f, "objectId", "mi-object", name);
    unique(n, name, clientId, objectId);
    String resourceId =
        YamlNode.opt(f, "resourceId")
            .map(YamlNode::scalar)
            .orElse(
                "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/localvault"
                    + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/"
                    + name);
    return new ManagedIdentitySpec(
        name,
        tenant(n, f),
        clientId,
        objectId,
        resourceId,
        YamlNode.opt(f, "systemAssigned").map(YamlNode::bool).orElse(false),
        YamlNode.opt(f, "onVm").map(YamlNode::bool).orElse(true));
  }

  private String tenant(YamlNode n, Map<String, YamlNode> f) {
    Optional<YamlNode> t = YamlNode.opt(f, "tenant");
    if (t.isEmpty()) {
      return defaultTenant;
    }
    String id = t.get().scalar();
    if (!tenants.contains(id)) {
      throw t.get().error("unknown tenant '" + id + "'; declare it under 'tenants'");
    }
    return id;
  }

  private static String id(Map<String, YamlNode> f, String key, String kind, String name) {
    return YamlNode.opt(f, key).map(SeedLoader::requireId).orElse(SeedLoader.derivedId(kind, name));
  }

  private void unique(YamlNode n, String... ids) {
    for (String id : ids) {
      if (!seen.add(id)) {
        throw n.error("identity name or id '" + id + "' is used twice");
      }
    }
  }
}
