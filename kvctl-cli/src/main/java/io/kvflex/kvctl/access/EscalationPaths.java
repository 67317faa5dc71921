package io.kvflex.kvctl.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Roles that let the identity grant itself access, whatever today's verdict: on an RBAC vault,
 * anything holding {@code Microsoft.Authorization/roleAssignments/write} (Owner, User Access
 * Administrator, Role Based Access Control Administrator, Key Vault Data Access Administrator); on
 * an access-policy vault, anything that may write the vault or its access policies (Owner,
 * Contributor, Key Vault Contributor). A reviewer wants to know; the verdict does not change.
 */
final class EscalationPaths {
  static final String ROLE_ASSIGNMENTS_WRITE = "Microsoft.Authorization/roleAssignments/write";
  static final List<String> VAULT_WRITES =
      List.of("Microsoft.KeyVault/vaults/accessPolicies/write", "Microsoft.KeyVault/vaults/write");

  private EscalationPaths() {}

  /** One note per assignment that opens a path, each assignment once. */
  static List<String> notes(
      VaultInfo vault,
      Principal principal,
      List<RoleAssignment> assignments,
      Map<String, RoleDefinition> definitions) {
    Map<String, RoleAssignment> unique = new LinkedHashMap<>();
    for (RoleAssignment a : assignments) {
      if (RbacEvaluator.appliesTo(a, principal)) {
        unique.putIfAbsent(a.id().isEmpty() ? a.scope() + a.roleDefinitionId() : a.id(), a);
      }
    }
    List<String> notes = new ArrayList<>();
    for (RoleAssignment a : unique.values()) {
      RoleDefinition def = definitions.get(RoleAssignment.trailingGuid(a.roleDefinitionId()));
      if (def == null) {
        continue;
      }
      String role =
          "role \"" + def.roleName() + "\" at " + RbacEvaluator.where(a, vault, principal);
      String on = a.covers(vault.id()) ? "the vault" : ScopeLabel.describe(a.scope(), vault.id());
      if (vault.rbac()) {
        Optional<String> p = def.grantingActionPattern(ROLE_ASSIGNMENTS_WRITE);
        if (p.isPresent()) {
          notes.add(
              "escalation: "
                  + role
                  + " grants "
                  + ROLE_ASSIGNMENTS_WRITE
                  + by(p.get(), ROLE_ASSIGNMENTS_WRITE)
                  + ": the identity can assign itself "
                  + (def.conditionOn(ROLE_ASSIGNMENTS_WRITE).isPresent()
                      ? "the roles the role's condition allows (Key Vault data roles)"
                      : "any role")
                  + " on "
                  + on);
        }
      } else {
        for (String action : VAULT_WRITES) {
          Optional<String> p = def.grantingActionPattern(action);
          if (p.isPresent() && a.covers(vault.id())) {
            notes.add(
                "escalation: "
                    + role
                    + " grants "
                    + action
                    + by(p.get(), action)
                    + ": the identity can add itself an access policy on the vault");
            break;
          }
        }
      }
    }
    return notes;
  }

  private static String by(String pattern, String action) {
    return pattern.equalsIgnoreCase(action) ? "" : " (by " + pattern + ")";
  }
}
