package io.kvflex.kvctl.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides RBAC access to one object from the role assignments at or above the object's scope and
 * their role definitions' data actions (never from role names: custom roles count the same).
 * Assignments come from ARM's {@code atScope() and assignedTo(oid)} filter, so group assignments
 * listed there are groups the principal belongs to.
 */
final class RbacEvaluator {
  private RbacEvaluator() {}

  /**
   * The deny assignments at or above the object, as far as the caller could read them.
   *
   * @param listed the deny assignments, or empty when the caller could not list them ({@code
   *     whyUnlisted} says why)
   * @param groups the identity's groups (lower case), or empty when unknown ({@code
   *     whyGroupsUnknown} says why); only consulted when a deny assignment names groups
   */
  record DenyFacts(
      Optional<List<DenyAssignment>> listed,
      String whyUnlisted,
      Optional<Set<String>> groups,
      String whyGroupsUnknown) {
    static final DenyFacts NONE =
        new DenyFacts(Optional.of(List.of()), "", Optional.of(Set.of()), "");
  }

  /** Without deny assignments. */
  static Evaluation evaluate(
      String objectScope,
      VaultInfo vault,
      RequiredAccess required,
      Principal principal,
      List<RoleAssignment> assignments,
      Map<String, RoleDefinition> definitions,
      LeastPrivilege advisor) {
    return evaluate(
        objectScope, vault, required, principal, assignments, definitions, DenyFacts.NONE, advisor);
  }

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
      DenyFacts denies,
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
    Optional<Evaluation> denied =
        denied(objectScope, vault, action, principal, denies, granted, notes);
    if (denied.isPresent()) {
      return denied.get();
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

  /**
   * A deny assignment's answer when it decides: denied (it wins over every grant), or cannot tell
   * when a grant exists but deny assignments could not be read or depend on unknown groups.
   */
  private static Optional<Evaluation> denied(
      String objectScope,
      VaultInfo vault,
      String action,
      Principal principal,
      DenyFacts denies,
      List<String> granted,
      List<String> notes) {
    if (denies.listed().isEmpty()) {
      if (granted.isEmpty()) {
        return Optional.empty();
      }
      List<String> evidence = new ArrayList<>(granted);
      evidence.add(
          "the caller cannot list deny assignments ("
              + denies.whyUnlisted()
              + "); one may block the grant: it needs Microsoft.Authorization/denyAssignments/read,"
              + " e.g. Reader");
      return Optional.of(new Evaluation(Verdict.CANNOT_TELL, evidence, Optional.empty(), notes));
    }
    DenyEvaluator.Outcome o =
        DenyEvaluator.check(
            objectScope,
            vault,
            action,
            principal,
            denies.listed().get(),
            denies.groups(),
            denies.whyGroupsUnknown());
    if (!o.denying().isEmpty()) {
      List<String> evidence = new ArrayList<>(o.denying());
      granted.forEach(g -> evidence.add(g + ", but the deny assignment wins"));
      List<String> all = new ArrayList<>(notes);
      all.add(
          "no role assignment can undo a deny assignment: it belongs to a deployment stack,"
              + " managed application or Blueprint assignment; ask its owner to add the identity"
              + " to its excludePrincipals or to lift the denial");
      return Optional.of(new Evaluation(Verdict.DENIED, evidence, Optional.empty(), all));
    }
    if (!o.unsure().isEmpty() && !granted.isEmpty()) {
      List<String> evidence = new ArrayList<>(granted);
      evidence.addAll(o.unsure());
      return Optional.of(new Evaluation(Verdict.CANNOT_TELL, evidence, Optional.empty(), notes));
    }
    return Optional.empty();
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
