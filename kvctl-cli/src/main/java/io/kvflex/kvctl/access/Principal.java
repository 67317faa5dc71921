package io.kvflex.kvctl.access;

import java.util.Objects;
import java.util.Optional;

/**
 * The identity the pod will use, resolved to its Entra object id.
 *
 * @param objectId object id (what role assignments and access policies name)
 * @param appId application (client) id, when known
 * @param displayName display name, when known
 * @param resolvedBy how the object id was found, e.g. {@code Graph servicePrincipals(appId)}
 * @param type ARM's principal type ({@code ServicePrincipal}, {@code User}, {@code Group}), as
 *     Graph knows the object; empty when unknown (printed commands then leave it out)
 */
public record Principal(
    String objectId,
    Optional<String> appId,
    Optional<String> displayName,
    String resolvedBy,
    Optional<String> type) {
  public Principal {
    Objects.requireNonNull(objectId);
    Objects.requireNonNull(appId);
    Objects.requireNonNull(displayName);
    Objects.requireNonNull(resolvedBy);
    Objects.requireNonNull(type);
  }

  /** A service principal (application or managed identity). */
  static Principal servicePrincipal(
      String objectId, Optional<String> appId, Optional<String> displayName, String resolvedBy) {
    return new Principal(objectId, appId, displayName, resolvedBy, Optional.of("ServicePrincipal"));
  }

  /** e.g. {@code my-app (object 1234..., app 5678...)} or {@code object 1234...}. */
  public String describe() {
    StringBuilder sb = new StringBuilder("object ").append(objectId);
    appId.ifPresent(a -> sb.append(", app ").append(a));
    return displayName.map(n -> n + " (" + sb + ")").orElse(sb.toString());
  }
}
