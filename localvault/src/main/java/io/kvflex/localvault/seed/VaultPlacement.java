package io.kvflex.localvault.seed;

/**
 * Where a vault sits in ARM and which permission model its data plane uses.
 *
 * @param rbac {@code enableRbacAuthorization}: role assignments decide, access policies are ignored
 */
public record VaultPlacement(
    String vault, String subscriptionId, String resourceGroup, boolean rbac) {

  /** {@code /subscriptions/.../resourceGroups/.../providers/Microsoft.KeyVault/vaults/...}. */
  public String resourceId() {
    return "/subscriptions/"
        + subscriptionId
        + "/resourceGroups/"
        + resourceGroup
        + "/providers/Microsoft.KeyVault/vaults/"
        + vault;
  }
}
