package io.kvflex.localvault.seed;

import java.util.List;
import java.util.Optional;

/** Resolves an identity reference (name, client id or object id) while the seed is parsed. */
record IdentityRefs(
    List<ServicePrincipalSpec> servicePrincipals,
    List<ManagedIdentitySpec> managed,
    List<GroupSpec> groups) {

  IdentityRefs(List<ServicePrincipalSpec> servicePrincipals, List<ManagedIdentitySpec> managed) {
    this(servicePrincipals, managed, List.of());
  }

  IdentityRefs withGroups(List<GroupSpec> g) {
    return new IdentityRefs(servicePrincipals, managed, g);
  }

  Optional<ManagedIdentitySpec> managedIdentity(String ref) {
    return managed.stream()
        .filter(m -> ref.equals(m.name()) || ref.equals(m.clientId()) || ref.equals(m.objectId()))
        .findFirst();
  }

  Optional<ServicePrincipalSpec> servicePrincipal(String ref) {
    return servicePrincipals.stream()
        .filter(s -> ref.equals(s.name()) || ref.equals(s.clientId()) || ref.equals(s.objectId()))
        .findFirst();
  }

  Optional<GroupSpec> group(String ref) {
    return groups.stream()
        .filter(g -> ref.equals(g.name()) || ref.equals(g.objectId()))
        .findFirst();
  }

  /** The canonical object id of a service principal or managed identity, if it exists. */
  Optional<String> objectId(String ref) {
    return servicePrincipal(ref)
        .map(ServicePrincipalSpec::objectId)
        .or(() -> managedIdentity(ref).map(ManagedIdentitySpec::objectId));
  }

  /** The object id of a service principal, managed identity or group (access policies). */
  Optional<String> principalId(String ref) {
    return objectId(ref).or(() -> group(ref).map(GroupSpec::objectId));
  }
}
