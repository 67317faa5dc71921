package io.kvflex.flexvolume;

import io.kvflex.cloud.CloudEnvironment;
import io.kvflex.cloud.CloudEnvironments;
import io.kvflex.options.IdentityMode;
import io.kvflex.options.MountRequest;
import io.kvflex.options.VaultObjectSpec;
import io.kvflex.render.FileProjection;
import io.kvflex.render.ObjectRenderer;
import io.kvflex.vault.Deadline;
import io.kvflex.vault.VaultClient;
import io.kvflex.vault.VaultClients;
import io.kvflex.vault.VaultObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

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

  EngineWiring(Clock clock) {
    this.clock = clock;
  }

  static MountEngine production(Clock clock) {
    return new EngineWiring(clock);
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
    return VaultClients.create(request, cloud, new Deadline(clock, deadline));
  }

  @Override
  public List<FileProjection> render(VaultObjectSpec spec, VaultObject object, MountRequest req) {
    return List.of(renderer.render(spec, object, req.fileMode()));
  }
}
