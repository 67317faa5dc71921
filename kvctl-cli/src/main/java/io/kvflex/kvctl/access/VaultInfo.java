package io.kvflex.kvctl.access;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What check-access needs from the ARM vault resource ({@code Microsoft.KeyVault/vaults}).
 *
 * @param id resource id
 * @param name vault name
 * @param tenantId the vault's tenant: tokens from any other tenant are rejected
 * @param rbac {@code properties.enableRbacAuthorization}; null (older vaults) means access policies
 * @param accessPolicies access-policy entries (ignored by Key Vault in RBAC mode)
 * @param publicNetworkAccess {@code Enabled}/{@code Disabled}, empty when absent
 * @param defaultAction firewall default action ({@code Allow}/{@code Deny}), empty when absent
 * @param ipRuleCount number of firewall IP rules
 * @param virtualNetworkRuleCount number of firewall virtual network rules
 */
public record VaultInfo(
    String id,
    String name,
    String tenantId,
    boolean rbac,
    List<AccessPolicyEntry> accessPolicies,
    Optional<String> publicNetworkAccess,
    Optional<String> defaultAction,
    int ipRuleCount,
    int virtualNetworkRuleCount) {

  public VaultInfo {
    Objects.requireNonNull(id);
    Objects.requireNonNull(name);
    Objects.requireNonNull(tenantId);
    accessPolicies = List.copyOf(accessPolicies);
    Objects.requireNonNull(publicNetworkAccess);
    Objects.requireNonNull(defaultAction);
  }

  /** {@code rbac} or {@code access policies}. */
  public String permissionModel() {
    return rbac ? "rbac" : "accessPolicy";
  }

  /** Resource group name, parsed from the id. */
  public String resourceGroup() {
    return ScopeLabel.segmentAfter(id, "resourceGroups").orElse("");
  }

  /** Subscription id, parsed from the id. */
  public String subscriptionId() {
    return ScopeLabel.segmentAfter(id, "subscriptions").orElse("");
  }

  /** Network warnings: the node must reach the vault for the mount to work. */
  public List<String> networkWarnings() {
    List<String> warnings = new java.util.ArrayList<>();
    if (publicNetworkAccess.filter("Disabled"::equalsIgnoreCase).isPresent()) {
      warnings.add(
          "public network access to vault "
              + name
              + " is disabled: nodes must reach it through a private endpoint");
    } else if (defaultAction.filter("Deny"::equalsIgnoreCase).isPresent()) {
      warnings.add(
          "the firewall of vault "
              + name
              + " denies by default ("
              + ipRuleCount
              + " IP rules, "
              + virtualNetworkRuleCount
              + " virtual network rules): the nodes' egress IP or subnet must be allowed");
    }
    return warnings;
  }
}
