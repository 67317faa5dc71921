package io.kvflex.engine;

import io.kvflex.cloud.CloudEnvironment;
import io.kvflex.cloud.CloudEnvironments;
import io.kvflex.flexvolume.log.EventLog;
import io.kvflex.options.MountRequest;
import io.kvflex.vault.VaultClient;
import io.kvflex.vault.VaultClients;
import io.kvflex.vault.WarmState;
import io.kvflex.vault.http.Deadline;
import io.kvflex.vault.http.MemoryBudget;
import io.kvflex.vault.http.ProxyLog;
import io.kvflex.vault.http.ProxySettings;
import java.time.Instant;

/**
 * The production {@link VaultAccess}: resolves the request's cloud environment (NMI on the pod
 * identity's port), reads the proxy variables of the world's environment and builds one client of
 * the vault adapter per mount, reusing what {@link WarmState} keeps from earlier mounts of the
 * process (tokens of the same identity, HTTP connections).
 */
final class AzureVaultAccess implements VaultAccess {
  private final EngineWorld world;
  private final WarmState warm;
  private final MemoryBudget.Hold memory;

  AzureVaultAccess(EngineWorld world, WarmState warm, MemoryBudget.Hold memory) {
    this.world = world;
    this.warm = warm;
    this.memory = memory;
  }

  @Override
  public VaultClient open(MountRequest request, Instant deadline) {
    CloudEnvironment cloud = CloudEnvironments.resolve(request.cloud(), request.identity());
    return VaultClients.create(
        request,
        cloud,
        new Deadline(world.clock(), deadline),
        ProxySettings.fromEnvironment(world.env()),
        warm,
        memory);
  }

  /** Proxy routes as log events: host and proxy address, never the proxy's credentials. */
  static ProxyLog proxyLog(EventLog log) {
    return new ProxyLog() {
      @Override
      public void route(String scheme, String host, int port, String route) {
        log.info("http.route", "scheme", scheme, "host", host, "port", port, "via", route);
      }

      @Override
      public void warn(String message) {
        log.warn("http.proxy", "problem", message);
      }
    };
  }
}
