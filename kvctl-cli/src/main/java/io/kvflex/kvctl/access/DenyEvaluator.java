package io.kvflex.kvctl.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a deny assignment blocks the data action for the identity: it must reach the object (its
 * scope or below, unless {@code doNotApplyToChildScopes}), deny the action (dataActions minus
 * notDataActions), name the identity, a group it is in, or Everyone, and not exclude the identity
 * or one of its groups. A deny assignment wins over every role assignment.
 */
final class DenyEvaluator {
  private DenyEvaluator() {}

  /**
   * @param denying one line per deny assignment that blocks the action
   * @param unsure one line per deny assignment that may, depending on unknown group memberships
   */
  record Outcome(List<String> denying, List<String> unsure) {}

  /**
   * @param groups the identity's transitive groups (lower case), or empty when Graph would not say
   */
  static Outcome check(
      String objectScope,
      VaultInfo vault,
      String action,
      Principal principal,
      List<DenyAssignment> denies,
      Optional<Set<String>> groups,
      String whyGroupsUnknown) {
    List<String> denying = new ArrayList<>();
    List<String> unsure = new ArrayList<>();
    String me = principal.objectId();
    for (DenyAssignment d : denies) {
      if (!d.reaches(objectScope) || !d.deniesDataAction(action)) {
        continue;
      }
      String where =
          "deny assignment \""
              + d.name()
              + "\" at "
              + ScopeLabel.describe(d.scope(), vault.id())
              + " denies "
              + action;
      Optional<String> named = match(d.principals(), me, groups, true);
      Optional<String> excluded = match(d.excludePrincipals(), me, groups, false);
      boolean membershipUnknown = groups.isEmpty() && d.namesGroups();
      if (named.isPresent() && excluded.isEmpty()) {
        if (membershipUnknown
            && d.excludePrincipals().stream().anyMatch(DenyAssignment.Member::isGroup)) {
          unsure.add(
              where
                  + " to "
                  + named.get()
                  + " except listed groups; the identity's groups are unknown ("
                  + whyGroupsUnknown
                  + ")");
        } else {
          denying.add(where + " to " + named.get());
        }
      } else if (named.isEmpty()
          && membershipUnknown
          && d.principals().stream().anyMatch(DenyAssignment.Member::isGroup)) {
        unsure.add(
            where
                + " to groups the identity may belong to; its groups are unknown ("
                + whyGroupsUnknown
                + ")");
      }
    }
    return new Outcome(denying, unsure);
  }

  /** Who in {@code members} is the identity: itself, one of its groups, or Everyone. */
  private static Optional<String> match(
      List<DenyAssignment.Member> members,
      String me,
      Optional<Set<String>> groups,
      boolean everyoneCounts) {
    for (DenyAssignment.Member m : members) {
      if (everyoneCounts && m.isEveryone()) {
        return Optional.of("everyone");
      }
      if (m.id().equalsIgnoreCase(me)) {
        return Optional.of("the identity");
      }
      if (m.isGroup()
          && groups.map(g -> g.contains(m.id().toLowerCase(java.util.Locale.ROOT))).orElse(false)) {
        return Optional.of("group " + m.id());
      }
    }
    return Optional.empty();
  }
}
