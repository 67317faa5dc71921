package io.kvflex.kvctl.access;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An active ARM role assignment.
 *
 * @param id assignment resource id
 * @param scope where it is assigned (object, vault, resource group, subscription, MG)
 * @param roleDefinitionId full role definition id
 * @param principalId the assignee's object id (the identity itself or a group it belongs to)
 * @param principalType {@code ServicePrincipal}, {@code Group}, {@code User}...
 * @param condition ABAC condition, when set (cannot be evaluated client-side)
 */
public record RoleAssignment(
    String id,
    String scope,
    String roleDefinitionId,
    String principalId,
    String principalType,
    Optional<String> condition) {

  private static final String MANAGEMENT_GROUPS =
      "/providers/microsoft.management/managementgroups/";

  public RoleAssignment {
    Objects.requireNonNull(id);
    Objects.requireNonNull(scope);
    Objects.requireNonNull(roleDefinitionId);
    Objects.requireNonNull(principalId);
    Objects.requireNonNull(principalType);
    Objects.requireNonNull(condition);
  }

  /**
   * Whether this assignment applies to {@code resourceId}: its scope is the tenant root {@code /},
   * a management group, or the id itself or an ancestor of it (segment-wise).
   *
   * <p>A management group is taken as an ancestor without looking: kvctl lists assignments with
   * ARM's {@code atScope()} filter at the object's own scope, and ARM returns a management group's
   * assignment there only when the group is above the object's subscription. Reading the group tree
   * itself would need Microsoft.Management rights the caller usually lacks.
   */
  public boolean covers(String resourceId) {
    String s = trimSlash(scope).toLowerCase(Locale.ROOT);
    String r = trimSlash(resourceId).toLowerCase(Locale.ROOT);
    return s.isEmpty() || s.startsWith(MANAGEMENT_GROUPS) || r.equals(s) || r.startsWith(s + "/");
  }

  static String trailingGuid(String id) {
    return id.substring(id.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
  }

  private static String trimSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
