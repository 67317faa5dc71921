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

  public RoleAssignment {
    Objects.requireNonNull(id);
    Objects.requireNonNull(scope);
    Objects.requireNonNull(roleDefinitionId);
    Objects.requireNonNull(principalId);
    Objects.requireNonNull(principalType);
    Objects.requireNonNull(condition);
  }

  /** Whether this assignment applies to {@code resourceId} (its scope is the id or an ancestor). */
  public boolean covers(String resourceId) {
    String s = trimSlash(scope).toLowerCase(Locale.ROOT);
    String r = trimSlash(resourceId).toLowerCase(Locale.ROOT);
    return s.isEmpty() || r.equals(s) || r.startsWith(s + "/");
  }

  static String trailingGuid(String id) {
    return id.substring(id.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
  }

  private static String trimSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
