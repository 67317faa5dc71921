package io.kvflex.localvault.seed;

import java.util.List;

/** Everything a localvault starts with, validated (references resolve, names are unique). */
public record Seed(
    List<TenantSpec> tenants,
    List<ServicePrincipalSpec> servicePrincipals,
    List<ManagedIdentitySpec> managedIdentities,
    List<PodIdentitySpec> podIdentities,
    List<VaultSpec> vaults,
    FaultSpec faults) {

  public Seed {
    tenants = List.copyOf(tenants);
    servicePrincipals = List.copyOf(servicePrincipals);
    managedIdentities = List.copyOf(managedIdentities);
    podIdentities = List.copyOf(podIdentities);
    vaults = List.copyOf(vaults);
  }
}
