package io.kvflex.localvault.http;

import io.kvflex.localvault.arm.ControlPlane;
import io.kvflex.localvault.arm.Decision;
import io.kvflex.localvault.auth.Identity;
import io.kvflex.localvault.seed.VaultPlacement;
import io.kvflex.localvault.store.ObjectKind;
import io.kvflex.localvault.store.VaultState;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Who may do what on a vault's data plane, decided as Key Vault decides it: an RBAC vault ({@code
 * enableRbacAuthorization}) asks Azure RBAC for the operation's data action at the object's scope
 * (role and deny assignments, groups, management groups: {@link ControlPlane}); an access-policy
 * vault looks for the permission in the caller's entry or the entry of a group it belongs to.
 */
final class DataPlaneAccess {
  private final ControlPlane cp;

  DataPlaneAccess(ControlPlane cp) {
    this.cp = cp;
  }

  /** The 403 body when the caller may not; empty when it may. */
  Optional<Map<String, Object>> refusal(
      VaultState vault, Identity caller, ObjectKind kind, String permission, String object) {
    Optional<VaultPlacement> placement = cp.placement(vault.name());
    if (placement.isPresent() && placement.get().rbac()) {
      String action = dataAction(kind, permission);
      String scope =
          placement.get().resourceId()
              + (object.isEmpty() ? "" : "/" + kind.collection() + "/" + object);
      Decision d = cp.decideDataAction(caller.objectId(), scope, action);
      return d.allowed()
          ? Optional.empty()
          : Optional.of(forbiddenByRbac(caller, action, scope, d, vault));
    }
    boolean allowed =
        cp.memberships().principals(caller.objectId()).stream()
            .anyMatch(p -> vault.allows(p, kind, permission));
    return allowed
        ? Optional.empty()
        : Optional.of(
            KvErrors.forbiddenByPolicy(
                caller.clientId(),
                caller.objectId(),
                caller.tenant(),
                permission,
                kind,
                vault.name()));
  }

  /**
   * The data action of an access-policy permission, as Key Vault authorises each operation
   * (published list: {@code keyvault-data-actions.txt} in kvctl).
   */
  static String dataAction(ObjectKind kind, String permission) {
    String p = permission.toLowerCase(Locale.ROOT);
    String base = "Microsoft.KeyVault/vaults/" + kind.collection() + "/";
    return switch (kind) {
      case SECRET ->
          base
              + switch (p) {
                case "get" -> "getSecret/action";
                case "list" -> "readMetadata/action";
                case "set" -> "setSecret/action";
                case "delete" -> "delete";
                default -> p + "/action";
              };
      case KEY ->
          base
              + switch (p) {
                case "get", "list" -> "read";
                case "delete" -> "delete";
                case "wrapkey" -> "wrap/action";
                case "unwrapkey" -> "unwrap/action";
                default -> p + "/action";
              };
      case CERTIFICATE ->
          switch (p) {
            case "get", "list" -> base + "read";
            case "delete" -> base + "delete";
            case "managecontacts" -> "Microsoft.KeyVault/vaults/certificatecontacts/write";
            case "getissuers", "listissuers" -> "Microsoft.KeyVault/vaults/certificatecas/read";
            case "setissuers", "manageissuers" -> "Microsoft.KeyVault/vaults/certificatecas/write";
            case "deleteissuers" -> "Microsoft.KeyVault/vaults/certificatecas/delete";
            default -> base + p + "/action";
          };
    };
  }

  /** Key Vault's 403 for an RBAC vault (code Forbidden, inner code ForbiddenByRbac). */
  private static Map<String, Object> forbiddenByRbac(
      Identity caller, String action, String scope, Decision d, VaultState vault) {
    String message =
        "Caller is not authorized to perform action on resource.\r\n"
            + "If role assignments, deny assignments or role definitions were changed recently,"
            + " please observe propagation time.\r\n"
            + "Caller: appid="
            + caller.clientId()
            + ";oid="
            + caller.objectId()
            + ";iss=https://sts.windows.net/"
            + caller.tenant()
            + "/\r\n"
            + "Action: '"
            + action
            + "'\r\n"
            + "Resource: '"
            + scope.toLowerCase(Locale.ROOT)
            + "'\r\n"
            + "Assignment: (not found)\r\n"
            + "DenyAssignmentId: "
            + d.deniedBy()
                .map(
                    x ->
                        x.scope()
                            + "/providers/Microsoft.Authorization/denyAssignments/"
                            + x.guid())
                .orElse("null")
            + "\r\n"
            + "DecisionReason: "
            + (d.deniedBy().isPresent() ? "'DeniedByDenyAssignment'" : "null")
            + " \r\n"
            + "Vault: "
            + vault.name()
            + ";location="
            + ArmResources.LOCATION
            + "\r\n";
    return KvErrors.body("Forbidden", message, Optional.of("ForbiddenByRbac"));
  }
}
