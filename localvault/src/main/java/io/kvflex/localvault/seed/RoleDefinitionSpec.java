package io.kvflex.localvault.seed;

import java.util.List;
import java.util.Optional;

/**
 * A role definition: one of Azure's built-in roles ({@link BuiltInRoleDefinitions}) or a custom
 * role of the seed. One permission block, as {@code az role definition create} makes them.
 *
 * @param guid the definition's name (GUID), the same in every scope
 * @param condition the block's ABAC condition (Key Vault Data Access Administrator has one)
 */
public record RoleDefinitionSpec(
    String guid,
    String roleName,
    boolean builtIn,
    String description,
    List<String> actions,
    List<String> notActions,
    List<String> dataActions,
    List<String> notDataActions,
    Optional<String> condition) {
  public RoleDefinitionSpec {
    actions = List.copyOf(actions);
    notActions = List.copyOf(notActions);
    dataActions = List.copyOf(dataActions);
    notDataActions = List.copyOf(notDataActions);
  }
}
