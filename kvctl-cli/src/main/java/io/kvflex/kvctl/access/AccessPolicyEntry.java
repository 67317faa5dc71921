package io.kvflex.kvctl.access;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code properties.accessPolicies[]} entry of a vault.
 *
 * @param tenantId tenant of the entry
 * @param objectId principal (user, service principal or group) object id
 * @param applicationId set for compound identities (app on behalf of a user): such an entry does
 *     not grant a plain service-principal token
 * @param permissions category ({@code secrets}, {@code keys}, {@code certificates}) to permission
 *     names as stored (case preserved for the fix command)
 */
public record AccessPolicyEntry(
    String tenantId,
    String objectId,
    Optional<String> applicationId,
    Map<String, List<String>> permissions) {

  public AccessPolicyEntry {
    Objects.requireNonNull(tenantId);
    Objects.requireNonNull(objectId);
    Objects.requireNonNull(applicationId);
    permissions = Map.copyOf(permissions);
  }

  /** Permission names of a category, as stored. */
  public List<String> permissionsOf(String category) {
    return permissions.getOrDefault(category, List.of());
  }

  /** Whether the category holds {@code permission} or {@code all} (case-insensitive). */
  public boolean grants(String category, String permission) {
    return permissionsOf(category).stream()
        .map(p -> p.toLowerCase(Locale.ROOT))
        .anyMatch(p -> p.equals(permission) || p.equals("all"));
  }
}
