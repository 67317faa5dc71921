package io.kvflex.localvault.seed;

import java.util.List;

/**
 * Everything a localvault starts with, validated (references resolve, names are unique). The
 * control plane (ARM and Graph) comes from the same seed as the data plane: one source of truth.
 */
public record Seed(
    List<TenantSpec> tenants,
    List<ServicePrincipalSpec> servicePrincipals,
    List<ManagedIdentitySpec> managedIdentities,
    List<PodIdentitySpec> podIdentities,
    List<VaultSpec> vaults,
    FaultSpec faults,
    ControlPlaneSpec controlPlane) {

  /** A seed whose vaults are access-policy vaults in the default subscription (no ARM section). */
  public Seed(
      List<TenantSpec> tenants,
      List<ServicePrincipalSpec> servicePrincipals,
      List<ManagedIdentitySpec> managedIdentities,
      List<PodIdentitySpec> podIdentities,
      List<VaultSpec> vaults,
      FaultSpec faults) {
    this(
        tenants,
        servicePrincipals,
        managedIdentities,
        podIdentities,
        vaults,
        faults,
        ControlPlaneSpec.defaults(tenants, vaults));
  }

  public Seed {
    tenants = List.copyOf(tenants);
    servicePrincipals = List.copyOf(servicePrincipals);
    managedIdentities = List.copyOf(managedIdentities);
    podIdentities = List.copyOf(podIdentities);
    vaults = List.copyOf(vaults);
  }
}
