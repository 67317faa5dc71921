package io.kvflex.kvctl.access;

import java.util.Objects;

/** How the user named the identity the pod will use; resolved to a {@link Principal}. */
public sealed interface IdentityInput {

  /** Application (client) id of a service principal or managed identity; resolved via Graph. */
  record ClientId(String clientId) implements IdentityInput {
    public ClientId {
      Objects.requireNonNull(clientId);
    }
  }

  /** The object (principal) id itself; nothing to resolve. */
  record ObjectId(String objectId) implements IdentityInput {
    public ObjectId {
      Objects.requireNonNull(objectId);
    }
  }

  /** ARM id of a user-assigned identity, or of a VM/VMSS for its system-assigned identity. */
  record ResourceId(String resourceId) implements IdentityInput {
    public ResourceId {
      Objects.requireNonNull(resourceId);
    }
  }
}
