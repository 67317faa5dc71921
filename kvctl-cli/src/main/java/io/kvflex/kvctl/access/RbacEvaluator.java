package io.kvflex.kvctl.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides RBAC access to one object from the role assignments at or above the object's scope and
 * their role definitions' data actions (never from role names: custom roles count the same).
 * Assignments come from ARM's {@code atScope() and assignedTo(oid)} filter, so group assignments
 * listed there are groups the principal belongs to.
 */
final class RbacEvaluator {
  private RbacEvaluator() {}

  /**
   * @param objectScope the object's resource id ({@code {vaultId}/secrets/{name}})
   * @param definitions role definitions by lower-case GUID; a missing one makes the answer unsure
   */
  static Evaluation evaluate(
      String objectScope,
      VaultInfo vault,
      RequiredAccess required,
      Principal principal,
      List<RoleAssignment> assignments,
      Map<String, RoleDefinition> definitions,
      LeastPrivilege advisor) {
    String action = required.dataAction();
    List<String> granted = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<String> unsure = new ArrayList<>();
    List<String> considered = new ArrayList<>();
    for (RoleAssignment a : assignments) {
      if (!a.covers(objectScope) || !appliesTo(a, principal)) {
        continue;
      }
      String where = where(a, vault, principal);
      RoleDefinition def = definitions.get(RoleAssignment.trailingGuid(a.roleDefinitionId()));
      if (def == null) {
        unsure.add(
            "role definition "
                + a.roleDefinitionId()
                + " of the assignment at "
                + where
                + " could not be read");
        continue;
      }
      Optional<String> pattern = def.grantingPattern(action);
      if (pattern.isEmpty()) {
        considered.add(
            def.excludingPattern(action)
                .map(
                    p ->
                        "role \""
                            + def.roleName()
                            + "\" at "
                            + where
                            + " excludes "
                            + action
                            + " by notDataActions "
                            + p)
                .orElse(
                    "role \"" + def.roleName() + "\" at " + where + " does not grant " + action));
        continue;
      }
      if (a.condition().isPresent()) {
        unsure.add(
            "role \""
                + def.roleName()
                + "\" at "
                + where
                + " grants "
                + action
                + " only under an ABAC condition kvctl cannot evaluate (use --probe)");
        continue;
      }
      granted.add(
          "role \""
              + def.roleName()
              + "\" at "
              + where
              + " grants "
              + action
              + (pattern.get().equalsIgnoreCase(action) ? "" : " (by " + pattern.get() + ")"));
      LeastPrivilege.Choice held = advisor.choice(def, action);
      if (!held.narrowEnough()) {
        notes.add(
            "role \""
                + def.roleName()
                + "\" at "
                + where
                + " grants more than needed, also "
                + LeastPrivilege.describe(held.extras())
                + advisor
                    .narrowest(action)
                    .map(n -> "; \"" + n.role().roleName() + "\" is enough")
                    .orElse(""));
      }
    }
    if (!granted.isEmpty()) {
      return new Evaluation(Verdict.ALLOWED, granted, Optional.empty(), notes);
    }
    if (!unsure.isEmpty()) {
      List<String> evidence = new ArrayList<>(unsure);
      evidence.addAll(considered);
      return new Evaluation(Verdict.CANNOT_TELL, evidence, Optional.empty(), notes);
    }
    List<String> evidence = new ArrayList<>(considered);
    if (evidence.isEmpty()) {
      evidence.add(
          "no role assignment for the identity or its groups at or above "
              + ScopeLabel.describe(objectScope, vault.id()));
    }
    Remediation.Fix fix =
        Remediation.roleAssignment(required, principal, objectScope, vault, advisor);
    notes.addAll(fix.notes());
    return new Evaluation(Verdict.DENIED, evidence, Optional.of(fix.command()), notes);
  }

  /** e.g. {@code vault scope} or {@code subscription X via group G}. */
  static String where(RoleAssignment a, VaultInfo vault, Principal principal) {
    return ScopeLabel.describe(a.scope(), vault.id()) + via(a, principal);
  }

  static boolean appliesTo(RoleAssignment a, Principal principal) {
    // assignedTo() already restricted the list to the principal and its groups; a direct
    // assignment to any other user or service principal never applies.
    return a.principalId().equalsIgnoreCase(principal.objectId())
        || a.principalType().equalsIgnoreCase("Group");
  }

  private static String via(RoleAssignment a, Principal principal) {
    return a.principalId().equalsIgnoreCase(principal.objectId())
        ? ""
        : " via group " + a.principalId();
  }
}
