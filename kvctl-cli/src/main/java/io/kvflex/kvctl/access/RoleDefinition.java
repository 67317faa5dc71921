package io.kvflex.kvctl.access;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The parts of an ARM role definition that decide access.
 *
 * @param id full resource id ({@code .../roleDefinitions/{guid}})
 * @param roleName display name, e.g. {@code Key Vault Secrets User}
 * @param builtIn whether {@code type} is {@code BuiltInRole}
 * @param permissions the permission blocks; effective (data) actions are the union over blocks of
 *     (actions minus notActions) and (dataActions minus notDataActions)
 */
public record RoleDefinition(
    String id, String roleName, boolean builtIn, List<PermissionBlock> permissions) {

  public RoleDefinition {
    Objects.requireNonNull(id);
    Objects.requireNonNull(roleName);
    permissions = List.copyOf(permissions);
  }

  /**
   * One {@code permissions[]} entry.
   *
   * @param condition the block's ABAC condition (e.g. Key Vault Data Access Administrator limits
   *     the roles it may assign); empty when unconditional
   */
  public record PermissionBlock(
      List<String> actions,
      List<String> notActions,
      List<String> dataActions,
      List<String> notDataActions,
      Optional<String> condition) {
    public PermissionBlock {
      actions = List.copyOf(actions);
      notActions = List.copyOf(notActions);
      dataActions = List.copyOf(dataActions);
      notDataActions = List.copyOf(notDataActions);
      Objects.requireNonNull(condition);
    }

    /** A block with data actions only. */
    public PermissionBlock(List<String> dataActions, List<String> notDataActions) {
      this(List.of(), List.of(), dataActions, notDataActions, Optional.empty());
    }
  }

  /** Why this role grants the data action: the matching pattern, or empty when it does not. */
  public Optional<String> grantingPattern(String dataAction) {
    return granting(dataAction, PermissionBlock::dataActions, PermissionBlock::notDataActions);
  }

  /**
   * The notDataActions pattern that removes {@code dataAction} from an otherwise granting block.
   */
  public Optional<String> excludingPattern(String dataAction) {
    for (PermissionBlock block : permissions) {
      boolean allowed =
          block.dataActions().stream().anyMatch(p -> ActionPattern.matches(p, dataAction));
      Optional<String> excluded =
          block.notDataActions().stream()
              .filter(p -> ActionPattern.matches(p, dataAction))
              .findFirst();
      if (allowed && excluded.isPresent()) {
        return excluded;
      }
    }
    return Optional.empty();
  }

  /** Why this role grants the control-plane action, e.g. {@code *} for Owner; empty if not. */
  public Optional<String> grantingActionPattern(String action) {
    return granting(action, PermissionBlock::actions, PermissionBlock::notActions);
  }

  /** The condition of the first block granting the control-plane action, if it has one. */
  public Optional<String> conditionOn(String action) {
    return permissions.stream()
        .filter(b -> b.actions().stream().anyMatch(p -> ActionPattern.matches(p, action)))
        .findFirst()
        .flatMap(PermissionBlock::condition);
  }

  /** The data actions of {@code catalogue} this role grants. */
  public List<String> grantedDataActions(Collection<String> catalogue) {
    return catalogue.stream().filter(a -> grantingPattern(a).isPresent()).toList();
  }

  /** The trailing GUID of the id: the same role has different id prefixes per scope. */
  public String guid() {
    return RoleAssignment.trailingGuid(id);
  }

  private Optional<String> granting(
      String action,
      Function<PermissionBlock, List<String>> allow,
      Function<PermissionBlock, List<String>> deny) {
    for (PermissionBlock block : permissions) {
      Optional<String> allowed =
          allow.apply(block).stream().filter(p -> ActionPattern.matches(p, action)).findFirst();
      boolean excluded = deny.apply(block).stream().anyMatch(p -> ActionPattern.matches(p, action));
      if (allowed.isPresent() && !excluded) {
        return allowed;
      }
    }
    return Optional.empty();
  }
}
