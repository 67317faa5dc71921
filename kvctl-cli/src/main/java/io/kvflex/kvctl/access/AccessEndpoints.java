package io.kvflex.kvctl.access;

import java.util.Objects;

/**
 * The control-plane endpoints check-access calls, all taken from the cloud environment so sovereign
 * clouds, Azure Stack Hub and test doubles work the same way.
 *
 * @param resourceManager ARM root, e.g. {@code https://management.azure.com/}
 * @param microsoftGraph Microsoft Graph root, e.g. {@code https://graph.microsoft.com/}
 * @param resourceManagerScope token scope for ARM ({@code <resource>/.default})
 * @param microsoftGraphScope token scope for Graph
 */
public record AccessEndpoints(
    String resourceManager,
    String microsoftGraph,
    String resourceManagerScope,
    String microsoftGraphScope) {
  public AccessEndpoints {
    Objects.requireNonNull(resourceManager);
    Objects.requireNonNull(microsoftGraph);
    Objects.requireNonNull(resourceManagerScope);
    Objects.requireNonNull(microsoftGraphScope);
  }

  /** Scopes derived from the endpoints ({@code <endpoint>/.default}). */
  public static AccessEndpoints of(String resourceManager, String microsoftGraph) {
    return new AccessEndpoints(
        resourceManager, microsoftGraph, scopeOf(resourceManager), scopeOf(microsoftGraph));
  }

  static String scopeOf(String endpoint) {
    return (endpoint.endsWith("/") ? endpoint : endpoint + "/") + ".default";
  }
}
