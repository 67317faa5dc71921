package io.kvflex.kvctl.access;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The parts of an ARM role definition that decide data access.
 *
 * @param id full resource id ({@code .../roleDefinitions/{guid}})
 * @param roleName display name, e.g. {@code Key Vault Secrets User}
 * @param builtIn whether {@code type} is {@code BuiltInRole}
 * @param permissions the permission blocks; effective data actions are the union over blocks of
 *     (dataActions minus notDataActions)
 */
public record RoleDefinition(
    String id, String roleName, boolean builtIn, List<PermissionBlock> permissions) {

  public RoleDefinition {
    Objects.requireNonNull(id);
    Objects.requireNonNull(roleName);
    permissions = List.copyOf(permissions);
  }

  /** One {@code permissions[]} entry. */
  public record PermissionBlock(List<String> dataActions, List<String> notDataActions) {
    public PermissionBlock {
      dataActions = List.copyOf(dataActions);
      notDataActions = List.copyOf(notDataActions);
    }
  }

  /** Why this role grants {@code action}: the matching pattern, or empty when it does not. */
  public Optional<String> grantingPattern(String action) {
    for (PermissionBlock block : permissions) {
      Optional<String> allow =
          block.dataActions().stream().filter(p -> ActionPattern.matches(p, action)).findFirst();
      boolean excluded =
          block.notDataActions().stream().anyMatch(p -> ActionPattern.matches(p, action));
      if (allow.isPresent() && !excluded) {
        return allow;
      }
    }
    return Optional.empty();
  }

  /** The notDataActions pattern that removes {@code action} from an otherwise granting block. */
  public Optional<String> excludingPattern(String action) {
    for (PermissionBlock block : permissions) {
      boolean allowed =
          block.dataActions().stream().anyMatch(p -> ActionPattern.matches(p, action));
      Optional<String> excluded =
          block.notDataActions().stream().filter(p -> ActionPattern.matches(p, action)).findFirst();
      if (allowed && excluded.isPresent()) {
        return excluded;
      }
    }
    return Optional.empty();
  }

  /** The trailing GUID of the id: the same role has different id prefixes per scope. */
  public String guid() {
    return RoleAssignment.trailingGuid(id);
  }
}
