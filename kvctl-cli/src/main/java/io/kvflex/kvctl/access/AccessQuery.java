package io.kvflex.kvctl.access;

import io.kvflex.options.VaultObjectSpec.ObjectRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One check-access question: can this identity read these objects of this vault.
 *
 * @param vaultName the vault
 * @param objects objects to check, in input order, without duplicates
 * @param identity the identity the pod will use
 * @param subscriptionId where the vault is, when known
 * @param resourceGroup where the vault is, when known
 * @param tenantId the tenant the pod's token will come from, when known (manifest {@code tenantid})
 */
public record AccessQuery(
    String vaultName,
    List<ObjectRef> objects,
    IdentityInput identity,
    Optional<String> subscriptionId,
    Optional<String> resourceGroup,
    Optional<String> tenantId) {
  public AccessQuery {
    Objects.requireNonNull(vaultName);
    objects = objects.stream().distinct().toList();
    Objects.requireNonNull(identity);
    Objects.requireNonNull(subscriptionId);
    Objects.requireNonNull(resourceGroup);
    Objects.requireNonNull(tenantId);
  }
}
