package io.kvflex.localvault.http;

import io.kvflex.localvault.arm.Memberships;
import io.kvflex.localvault.auth.Identity;
import io.kvflex.localvault.seed.AccessSpec;
import io.kvflex.localvault.seed.DenyAssignmentSpec;
import io.kvflex.localvault.seed.RoleAssignmentSpec;
import io.kvflex.localvault.seed.RoleDefinitionSpec;
import io.kvflex.localvault.seed.SubscriptionSpec;
import io.kvflex.localvault.seed.VaultPlacement;
import io.kvflex.localvault.store.Attributes;
import io.kvflex.localvault.store.VaultState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * ARM response bodies in their documented shapes: subscriptions ({@code 2022-12-01}), Key Vault
 * vaults, secrets and keys ({@code 2026-02-01}), role assignments, role definitions and deny
 * assignments ({@code Microsoft.Authorization 2022-04-01}), managed identities.
 */
final class ArmResources {
  static final String LOCATION = "localvault";

  private ArmResources() {}

  static Map<String, Object> subscription(SubscriptionSpec s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", "/subscriptions/" + s.id());
    m.put("authorizationSource", "RoleBased");
    m.put("subscriptionId", s.id());
    m.put("tenantId", s.tenant());
    m.put("displayName", s.name());
    m.put("state", "Enabled");
    m.put(
        "subscriptionPolicies",
        Map.of(
            "locationPlacementId", "Public_2014-09-01",
            "quotaId", "PayAsYouGo_2014-09-01",
            "spendingLimit", "Off"));
    return m;
  }

  static Map<String, Object> vault(VaultState v, VaultPlacement p, String vaultUri) {
    List<Object> policies = new ArrayList<>();
    for (AccessSpec a : v.accessPolicies()) {
      Map<String, Object> perms = new LinkedHashMap<>();
      perms.put("keys", List.copyOf(new TreeSet<>(a.keys())));
      perms.put("secrets", List.copyOf(new TreeSet<>(a.secrets())));
      perms.put("certificates", List.copyOf(new TreeSet<>(a.certificates())));
      perms.put("storage", List.of());
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("tenantId", v.tenant());
      e.put("objectId", a.identity());
      e.put("permissions", perms);
      policies.add(e);
    }
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("sku", Map.of("family", "A", "name", "standard"));
    props.put("tenantId", v.tenant());
    props.put("accessPolicies", policies);
    props.put("enabledForDeployment", false);
    props.put("enabledForDiskEncryption", false);
    props.put("enabledForTemplateDeployment", false);
    props.put("enableSoftDelete", true);
    props.put("softDeleteRetentionInDays", 90);
    props.put("enableRbacAuthorization", p.rbac());
    props.put("vaultUri", vaultUri);
    props.put("provisioningState", "Succeeded");
    props.put("publicNetworkAccess", "Enabled");
    props.put(
        "networkAcls",
        Map.of(
            "bypass",
            "AzureServices",
            "defaultAction",
            "Allow",
            "ipRules",
            List.of(),
            "virtualNetworkRules",
            List.of()));
    return resource(p.resourceId(), v.name(), "Microsoft.KeyVault/vaults", props, true);
  }

  /** A secret or key as ARM shows it: attributes, never the value. */
  static Map<String, Object> object(
      VaultPlacement p, String collection, String name, Attributes a, String uri) {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("enabled", a.enabled());
    if (a.notBefore() != null) {
      attrs.put("nbf", a.notBefore());
    }
    if (a.expires() != null) {
      attrs.put("exp", a.expires());
    }
    attrs.put("created", a.created());
    attrs.put("updated", a.updated());
    attrs.put("recoveryLevel", Attributes.RECOVERY_LEVEL);
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("attributes", attrs);
    props.put(collection.equals("secrets") ? "secretUri" : "keyUri", uri);
    return resource(
        p.resourceId() + "/" + collection + "/" + name,
        name,
        "Microsoft.KeyVault/vaults/" + collection,
        props,
        false);
  }

  static Map<String, Object> roleAssignment(RoleAssignmentSpec a) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("roleDefinitionId", roleDefinitionId(a.scope(), a.roleGuid()));
    props.put("principalId", a.principalId());
    props.put("principalType", a.principalType());
    props.put("scope", a.scope());
    props.put("condition", null);
    props.put("conditionVersion", null);
    props.put("createdOn", "2026-01-01T00:00:00.0000000Z");
    props.put("updatedOn", "2026-01-01T00:00:00.0000000Z");
    props.put("createdBy", null);
    props.put("updatedBy", null);
    props.put("delegatedManagedIdentityResourceId", null);
    props.put("description", null);
    return resource(
        prefix(a.scope()) + "/providers/Microsoft.Authorization/roleAssignments/" + a.guid(),
        a.guid(),
        "Microsoft.Authorization/roleAssignments",
        props,
        false);
  }

  static Map<String, Object> roleDefinition(RoleDefinitionSpec r, String requestedScope) {
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("actions", r.actions());
    block.put("notActions", r.notActions());
    block.put("dataActions", r.dataActions());
    block.put("notDataActions", r.notDataActions());
    r.condition()
        .ifPresent(
            c -> {
              block.put("conditionVersion", "2.0");
              block.put("condition", c);
            });
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("roleName", r.roleName());
    props.put("type", r.builtIn() ? "BuiltInRole" : "CustomRole");
    props.put("description", r.description());
    props.put("assignableScopes", List.of("/"));
    props.put("permissions", List.of(block));
    return resource(
        roleDefinitionId(requestedScope, r.guid()),
        r.guid(),
        "Microsoft.Authorization/roleDefinitions",
        props,
        false);
  }

  static Map<String, Object> denyAssignment(DenyAssignmentSpec d, Memberships groups) {
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("actions", d.actions());
    block.put("notActions", d.notActions());
    block.put("dataActions", d.dataActions());
    block.put("notDataActions", d.notDataActions());
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("denyAssignmentName", d.name());
    props.put("description", "localvault seed deny assignment " + d.name());
    props.put("permissions", List.of(block));
    props.put("scope", d.scope());
    props.put("doNotApplyToChildScopes", d.doNotApplyToChildScopes());
    props.put("principals", principals(d.principals(), groups));
    props.put("excludePrincipals", principals(d.excludePrincipals(), groups));
    props.put("isSystemProtected", true);
    return resource(
        prefix(d.scope()) + "/providers/Microsoft.Authorization/denyAssignments/" + d.guid(),
        d.guid(),
        "Microsoft.Authorization/denyAssignments",
        props,
        false);
  }

  /** A user-assigned identity, or the VM/VMSS that carries a system-assigned one. */
  static Map<String, Object> identityResource(Identity id) {
    String rid = id.resourceId();
    String name = rid.substring(rid.lastIndexOf('/') + 1);
    String[] p = rid.split("/");
    String type = p.length > 7 ? p[6] + "/" + p[7] : "Microsoft.Compute/virtualMachines";
    Map<String, Object> holder = new LinkedHashMap<>();
    holder.put("tenantId", id.tenant());
    holder.put("principalId", id.objectId());
    holder.put("clientId", id.clientId());
    if (type.equalsIgnoreCase("Microsoft.ManagedIdentity/userAssignedIdentities")) {
      return resource(rid, name, type, holder, true);
    }
    Map<String, Object> m =
        resource(rid, name, type, Map.of("provisioningState", "Succeeded"), true);
    holder.remove("clientId");
    holder.put("type", "SystemAssigned");
    m.put("identity", holder);
    return m;
  }

  static String roleDefinitionId(String scope, String guid) {
    String[] p = scope.split("/");
    String sub =
        p.length > 2 && p[1].equalsIgnoreCase("subscriptions") ? "/subscriptions/" + p[2] : "";
    return sub + "/providers/Microsoft.Authorization/roleDefinitions/" + guid;
  }

  private static List<Object> principals(List<String> ids, Memberships groups) {
    List<Object> out = new ArrayList<>();
    for (String id : ids) {
      String type =
          id.equals(DenyAssignmentSpec.EVERYONE)
              ? "SystemDefined"
              : groups.group(id).isPresent() ? "Group" : "ServicePrincipal";
      out.add(Map.of("id", id, "type", type));
    }
    return out;
  }

  private static String prefix(String scope) {
    return scope.equals("/") ? "" : scope;
  }

  private static Map<String, Object> resource(
      String id, String name, String type, Map<String, Object> props, boolean located) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("name", name);
    m.put("type", type);
    if (located) {
      m.put("location", LOCATION);
      m.put("tags", Map.of());
    }
    m.put("properties", props);
    return m;
  }
}
