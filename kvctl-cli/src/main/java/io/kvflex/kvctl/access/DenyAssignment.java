package io.kvflex.kvctl.access;

import java.util.List;
import java.util.Objects;

/**
 * An ARM deny assignment (made by deployment stacks, managed applications, Blueprints): the
 * principals may not perform the denied (data) actions at the scope, whatever their roles grant.
 *
 * @param principals who is denied; {@link #EVERYONE} is every principal
 * @param excludePrincipals who is not, even when a group or Everyone names them
 * @param doNotApplyToChildScopes whether only the scope itself is denied
 */
public record DenyAssignment(
    String id,
    String name,
    String scope,
    List<Member> principals,
    List<Member> excludePrincipals,
    List<String> dataActions,
    List<String> notDataActions,
    boolean doNotApplyToChildScopes) {

  /** The SystemDefined principal that stands for everyone. */
  public static final String EVERYONE = "00000000-0000-0000-0000-000000000000";

  /** A principal of a deny assignment: its object id and type (User, Group, SystemDefined...). */
  public record Member(String id, String type) {
    boolean isGroup() {
      return type.equalsIgnoreCase("Group");
    }

    boolean isEveryone() {
      return id.equals(EVERYONE) && type.equalsIgnoreCase("SystemDefined");
    }
  }

  public DenyAssignment {
    Objects.requireNonNull(id);
    Objects.requireNonNull(name);
    Objects.requireNonNull(scope);
    principals = List.copyOf(principals);
    excludePrincipals = List.copyOf(excludePrincipals);
    dataActions = List.copyOf(dataActions);
    notDataActions = List.copyOf(notDataActions);
  }

  /** Whether the data action is among the denied ones. */
  public boolean deniesDataAction(String action) {
    return dataActions.stream().anyMatch(p -> ActionPattern.matches(p, action))
        && notDataActions.stream().noneMatch(p -> ActionPattern.matches(p, action));
  }

  /** Whether the assignment reaches {@code resourceId}: its scope or, unless excluded, below. */
  public boolean reaches(String resourceId) {
    RoleAssignment asScope = new RoleAssignment(id, scope, "", "", "", java.util.Optional.empty());
    return doNotApplyToChildScopes
        ? trim(scope).equalsIgnoreCase(trim(resourceId))
        : asScope.covers(resourceId);
  }

  /** Whether naming a group (in principals or exclusions) makes membership matter. */
  public boolean namesGroups() {
    return principals.stream().anyMatch(Member::isGroup)
        || excludePrincipals.stream().anyMatch(Member::isGroup);
  }

  private static String trim(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
