package io.kvflex.kvctl.access;

import io.kvflex.errors.RemoteException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Parses the ARM vault resource into {@link VaultInfo}; parsing happens once, here. */
final class VaultParser {
  private VaultParser() {}

  static VaultInfo parse(Map<String, Object> vault) {
    Map<String, Object> p = Json.obj(vault, "properties");
    String id =
        Json.str(vault, "id")
            .orElseThrow(() -> new RemoteException("ARM vault response has no id"));
    Map<String, Object> acls = Json.obj(p, "networkAcls");
    List<AccessPolicyEntry> policies =
        Json.list(p, "accessPolicies").stream().map(Json::obj).map(VaultParser::policy).toList();
    return new VaultInfo(
        id,
        Json.str(vault, "name").orElse(ScopeLabel.segmentAfter(id, "vaults").orElse(id)),
        Json.str(p, "tenantId").orElse(""),
        // null (vaults created by older api-versions) means access policies.
        Json.bool(p, "enableRbacAuthorization").orElse(false),
        policies,
        Json.str(p, "publicNetworkAccess"),
        Json.str(acls, "defaultAction"),
        Json.list(acls, "ipRules").size(),
        Json.list(acls, "virtualNetworkRules").size());
  }

  private static AccessPolicyEntry policy(Map<String, Object> e) {
    Map<String, Object> perms = Json.obj(e, "permissions");
    Map<String, List<String>> byCategory = new HashMap<>();
    for (String category : List.of("secrets", "keys", "certificates", "storage")) {
      byCategory.put(category, Json.strings(perms, category));
    }
    return new AccessPolicyEntry(
        Json.str(e, "tenantId").orElse(""),
        Json.str(e, "objectId").orElse(""),
        Json.str(e, "applicationId"),
        byCategory);
  }
}
