package io.kvflex.engine;

import io.kvflex.errors.KvflexException;
import io.kvflex.errors.UserInputException;
import io.kvflex.flexvolume.log.Redactor;
import io.kvflex.options.IdentityMode;
import io.kvflex.options.MountRequest;
import io.kvflex.options.OptionsParser;
import io.kvflex.options.ParseResult;
import io.kvflex.options.VaultObjectSpec;
import io.kvflex.render.ObjectRenderer;
import io.kvflex.vault.VaultObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine behind {@link MountEngine}: {@code io.kvflex.options} parses, {@link VaultAccess}
 * opens the mount's client, {@link FetchPhase} fetches and {@code io.kvflex.render} turns objects
 * into files. Holds no per-mount state.
 */
final class Engine implements MountEngine {
  private final EngineWorld world;
  private final VaultAccess vaults;
  private final int maxParallel;
  private final OptionsParser parser;
  private final ObjectRenderer renderer = new ObjectRenderer();

  Engine(EngineWorld world, VaultAccess vaults) {
    this(world, vaults, FetchPhase.MAX_PARALLEL);
  }

  /**
   * @param maxParallel objects fetched at once ({@link FetchPhase})
   */
  Engine(EngineWorld world, VaultAccess vaults, int maxParallel) {
    this.world = world;
    this.vaults = vaults;
    this.maxParallel = maxParallel;
    this.parser = new OptionsParser(world.podEvidence());
  }

  @Override
  public ParsedMount parse(String optionsJson, Path mountDir) {
    ParseResult result = parser.parseJson(optionsJson, Optional.of(mountDir));
    if (!result.ok()) {
      throw new UserInputException(OptionsParser.describeProblems(result.problems()));
    }
    MountRequest request = result.request().orElseThrow();
    registerSecrets(world.log().redactor(), request.identity());
    return new ParsedMount(request, OptionWarnings.summarise(result.warnings()));
  }

  @Override
  public Projection project(MountRequest request, Instant deadline, FailurePolicy policy) {
    Map<VaultObjectSpec.ObjectRef, FetchPhase.Fetched> fetched =
        new FetchPhase(vaults, world.log(), world.clock(), maxParallel)
            .fetchAll(request, deadline, policy);
    for (FetchPhase.Fetched f : fetched.values()) {
      if (f.object().orElse(null) instanceof VaultObject.Secret secret) {
        world.log().redactor().register(secret.value().reveal());
      }
    }
    List<ObjectOutcome> outcomes = new ArrayList<>();
    for (VaultObjectSpec spec : request.objects()) {
      FetchPhase.Fetched f = fetched.get(spec.ref());
      if (f.failure().isPresent()) {
        outcomes.add(ObjectOutcome.failed(spec, Optional.empty(), f.failure().get()));
        continue;
      }
      VaultObject object = f.object().orElseThrow();
      try {
        outcomes.add(
            ObjectOutcome.rendered(
                spec, object.version(), renderer.render(spec, object, request.fileMode())));
      } catch (RuntimeException e) {
        KvflexException failure = Failures.about(spec.ref(), "render", e);
        if (policy == FailurePolicy.FIRST_FAILURE) {
          throw failure;
        }
        outcomes.add(ObjectOutcome.failed(spec, Optional.of(object.version()), failure));
      }
    }
    return new Projection(outcomes);
  }

  private static void registerSecrets(Redactor redactor, IdentityMode identity) {
    if (identity instanceof IdentityMode.ServicePrincipalSecret sp) {
      redactor.register(sp.clientSecret().reveal());
    } else if (identity instanceof IdentityMode.ServicePrincipalCertificate sc) {
      redactor.register(sc.certificate().reveal());
      sc.password().ifPresent(p -> redactor.register(p.reveal()));
    }
  }
}
