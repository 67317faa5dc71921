package io.kvflex.kvctl.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides access-policy access to one object: an entry in the vault's tenant naming the principal
 * (or a group it belongs to), without {@code applicationId}, whose category holds the permission or
 * {@code all}.
 */
final class AccessPolicyEvaluator {
  private AccessPolicyEvaluator() {}

  /**
   * @param groups the principal's group object ids, or empty when Graph would not say
   */
  static Evaluation evaluate(
      VaultInfo vault, RequiredAccess required, Principal principal, Optional<Set<String>> groups) {
    String category = required.policyCategory();
    String permission = required.policyPermission();
    String need = category + " " + permission;
    List<String> granted = new ArrayList<>();
    List<String> considered = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<String> existing = List.of();
    int otherGrantingEntries = 0;
    for (AccessPolicyEntry e : vault.accessPolicies()) {
      boolean self = e.objectId().equalsIgnoreCase(principal.objectId());
      boolean group =
          !self
              && groups
                  .map(g -> g.contains(e.objectId().toLowerCase(java.util.Locale.ROOT)))
                  .orElse(false);
      if (!self && !group) {
        if (e.grants(category, permission) && e.applicationId().isEmpty()) {
          otherGrantingEntries++;
        }
        continue;
      }
      String who = self ? "the identity" : "group " + e.objectId();
      if (!e.tenantId().equalsIgnoreCase(vault.tenantId())) {
        considered.add(
            "access policy for "
                + who
                + " is in tenant "
                + e.tenantId()
                + ", not the vault's tenant "
                + vault.tenantId());
        continue;
      }
      if (e.applicationId().isPresent()) {
        if (e.grants(category, permission)) {
          notes.add(
              "access policy for "
                  + who
                  + " with applicationId "
                  + e.applicationId().get()
                  + " grants "
                  + need
                  + " but is a compound identity: it does not apply to the identity's own token");
        }
        continue;
      }
      if (self) {
        existing = e.permissionsOf(category);
      }
      if (e.grants(category, permission)) {
        granted.add(
            "access policy for "
                + who
                + " grants "
                + need
                + " ("
                + category
                + ": "
                + list(e.permissionsOf(category))
                + ")");
      } else if (self || !e.permissionsOf(category).isEmpty()) {
        considered.add(
            "access policy for "
                + who
                + " has "
                + category
                + ": "
                + list(e.permissionsOf(category))
                + " (no "
                + permission
                + ")");
      }
    }
    if (!granted.isEmpty()) {
      return new Evaluation(Verdict.ALLOWED, granted, Optional.empty(), notes);
    }
    if (groups.isEmpty() && otherGrantingEntries > 0) {
      List<String> evidence = new ArrayList<>(considered);
      evidence.add(
          otherGrantingEntries
              + " access policy entries for other principals grant "
              + need
              + "; the identity's group memberships could not be read from Graph, so kvctl cannot"
              + " tell whether one of them is a group it belongs to (use --probe)");
      return new Evaluation(Verdict.CANNOT_TELL, evidence, Optional.empty(), notes);
    }
    List<String> evidence = new ArrayList<>(considered);
    if (evidence.isEmpty()) {
      evidence.add(
          "no access policy entry for the identity"
              + (groups.map(g -> g.isEmpty() ? "" : " or its groups").orElse(""))
              + " in vault "
              + vault.name());
    }
    return new Evaluation(
        Verdict.DENIED,
        evidence,
        Optional.of(Remediation.setPolicy(vault, required, principal, existing)),
        notes);
  }

  private static String list(List<String> permissions) {
    return permissions.isEmpty() ? "none" : String.join(", ", permissions);
  }
}
