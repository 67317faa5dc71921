package io.kvflex.localvault.seed;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What localvault's ARM and Microsoft Graph serve, from the same seed as its data plane: groups,
 * the management group / subscription / resource group tree, where each vault sits and whether it
 * uses RBAC, role definitions, role assignments and deny assignments. A seed without them gets
 * {@link #defaults}: every vault an access-policy vault in the default subscription.
 */
public record ControlPlaneSpec(
    List<GroupSpec> groups,
    List<ManagementGroupSpec> managementGroups,
    List<SubscriptionSpec> subscriptions,
    List<VaultPlacement> vaults,
    List<RoleDefinitionSpec> roleDefinitions,
    List<RoleAssignmentSpec> roleAssignments,
    List<DenyAssignmentSpec> denyAssignments) {

  /** The subscription every vault and managed identity sits in unless the seed says otherwise. */
  public static final String DEFAULT_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";

  public static final String DEFAULT_RESOURCE_GROUP = "localvault";

  public ControlPlaneSpec {
    groups = List.copyOf(groups);
    managementGroups = List.copyOf(managementGroups);
    subscriptions = List.copyOf(subscriptions);
    vaults = List.copyOf(vaults);
    roleDefinitions = List.copyOf(roleDefinitions);
    roleAssignments = List.copyOf(roleAssignments);
    denyAssignments = List.copyOf(denyAssignments);
  }

  /** The default subscription of {@code tenant}, with the default resource group. */
  static SubscriptionSpec defaultSubscription(String tenant) {
    return new SubscriptionSpec(
        DEFAULT_SUBSCRIPTION, "localvault", tenant, tenant, List.of(DEFAULT_RESOURCE_GROUP));
  }

  /** Access-policy vaults in the default subscription; built-in roles only; nothing assigned. */
  public static ControlPlaneSpec defaults(List<TenantSpec> tenants, List<VaultSpec> vaults) {
    List<VaultPlacement> placed = new ArrayList<>();
    vaults.forEach(
        v ->
            placed.add(
                new VaultPlacement(v.name(), DEFAULT_SUBSCRIPTION, DEFAULT_RESOURCE_GROUP, false)));
    return new ControlPlaneSpec(
        List.of(),
        List.of(),
        List.of(defaultSubscription(tenants.get(0).id())),
        placed,
        BuiltInRoleDefinitions.all(),
        List.of(),
        List.of());
  }

  public Optional<VaultPlacement> placement(String vault) {
    return vaults.stream().filter(p -> p.vault().equalsIgnoreCase(vault)).findFirst();
  }
}
