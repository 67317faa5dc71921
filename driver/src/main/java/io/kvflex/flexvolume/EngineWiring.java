package io.kvflex.flexvolume;

import io.kvflex.cloud.CloudEnvironment;
import io.kvflex.cloud.CloudEnvironments;
import io.kvflex.flexvolume.log.EventLog;
import io.kvflex.options.IdentityMode;
import io.kvflex.options.MountRequest;
import io.kvflex.options.VaultObjectSpec;
import io.kvflex.render.FileProjection;
import io.kvflex.render.ObjectRenderer;
import io.kvflex.vault.VaultClient;
import io.kvflex.vault.VaultClients;
import io.kvflex.vault.VaultObject;
import io.kvflex.vault.http.Deadline;
import io.kvflex.vault.http.ProxyLog;
import io.kvflex.vault.http.ProxySettings;
import io.kvflex.vault.http.Proxying;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The real engine behind {@link MountEngine}: {@code io.kvflex.options} parses, {@code
 * io.kvflex.cloud} resolves the endpoints, {@code io.kvflex.vault} builds the one client of the
 * mount and {@code io.kvflex.render} turns objects into files.
 */
final class EngineWiring implements MountEngine {
  /** aad-pod-identity's default NMI port, used when the identity is not pod identity. */
  private static final int DEFAULT_NMI_PORT = 2579;

  private final OptionsStep options = new OptionsStep();
  private final ObjectRenderer renderer = new ObjectRenderer();
  private final Clock clock;
  private final Map<String, String> env;
  private final EventLog log;

  EngineWiring(Clock clock, Map<String, String> env, EventLog log) {
    this.clock = clock;
    this.env = Map.copyOf(env);
    this.log = log;
  }

  /** The engine of the kubelet's process; {@code env} supplies the proxy variables. */
  static MountEngine production(Clock clock, Map<String, String> env, EventLog log) {
    return new EngineWiring(clock, env, log);
  }

  @Override
  public ParsedMount parse(String optionsJson, Path mountDir) {
    return options.parse(optionsJson, mountDir);
  }

  @Override
  public VaultClient openVault(MountRequest request, Instant deadline) {
    int nmiPort =
        request.identity() instanceof IdentityMode.PodIdentity pod
            ? pod.nmiPort()
            : DEFAULT_NMI_PORT;
    CloudEnvironment cloud = CloudEnvironments.resolve(request.cloud(), nmiPort);
    Proxying proxying = new Proxying(ProxySettings.fromEnvironment(env), proxyLog(log));
    return VaultClients.create(request, cloud, new Deadline(clock, deadline), proxying);
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

  @Override
  public List<FileProjection> render(VaultObjectSpec spec, VaultObject object, MountRequest req) {
    return List.of(renderer.render(spec, object, req.fileMode()));
  }
}
