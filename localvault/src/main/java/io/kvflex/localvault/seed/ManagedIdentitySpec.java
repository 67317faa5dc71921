package io.kvflex.localvault.seed;

/**
 * A managed identity. {@code systemAssigned} identities answer IMDS requests without a selector;
 * all managed identities are assigned to the local "VM" (IMDS) unless {@code onVm} is false.
 */
public record ManagedIdentitySpec(
    String name,
    String tenant,
    String clientId,
    String objectId,
    String resourceId,
    boolean systemAssigned,
    boolean onVm) {}
