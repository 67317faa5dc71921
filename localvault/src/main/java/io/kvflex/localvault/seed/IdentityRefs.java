package io.kvflex.localvault.seed;

import java.util.List;
import java.util.Optional;

/** Resolves an identity reference (name, client id or object id) while the seed is parsed. */
record IdentityRefs(
    List<ServicePrincipalSpec> servicePrincipals, List<ManagedIdentitySpec> managed) {

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

  /** The canonical object id of any identity, if it exists. */
  Optional<String> objectId(String ref) {
    return servicePrincipal(ref)
        .map(ServicePrincipalSpec::objectId)
        .or(() -> managedIdentity(ref).map(ManagedIdentitySpec::objectId));
  }
}
