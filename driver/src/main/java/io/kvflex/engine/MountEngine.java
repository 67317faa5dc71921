package io.kvflex.engine;

import io.kvflex.options.MountRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The one engine of a mount, whichever way the call arrives (the driver's in-process {@code mount},
 * the node agent, {@code kvctl fetch}): options → cloud → credentials and proxy → vault client →
 * every object fetched in parallel within the deadline → rendered {@link
 * io.kvflex.render.FileProjection}s. Putting the files on disk is the caller's job (the driver's
 * atomic writer on a tmpfs, {@code kvctl fetch --out}); a dry run prints the same projections.
 *
 * <p>An engine is long-lived and safe to share between threads: build it once per process with
 * {@link #create(EngineWorld)} and call it for every mount. Whatever it keeps warm between calls
 * (tokens, connections, learnt vault challenges) stays behind these two methods, so callers do not
 * change when it does. Failures are the {@code io.kvflex.errors} taxonomy, naming the object.
 */
public interface MountEngine {

  /**
   * The validated request plus warnings (unknown option keys) destined for the log.
   *
   * @param request the options, parsed once
   * @param warnings one sentence each
   */
  record ParsedMount(MountRequest request, List<String> warnings) {
    public ParsedMount {
      Objects.requireNonNull(request);
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Parses and validates the kubelet's options JSON (all validation happens here, once); the mount
   * dir lets the parser check the kubelet's pod keys against the pod the dir belongs to and the
   * world's {@link io.kvflex.options.PodEvidence}. The identity's secrets are registered with the
   * log's redactor.
   *
   * @throws io.kvflex.errors.UserInputException listing every problem, never quoting the JSON
   */
  ParsedMount parse(String optionsJson, Path mountDir);

  /**
   * Fetches every distinct object of {@code request} in parallel through one client of its vault
   * and identity, and renders every file, giving up at {@code deadline}. Fetched secret values are
   * registered with the log's redactor.
   *
   * @param policy {@link FailurePolicy#FIRST_FAILURE}: the first failure is thrown and nothing is
   *     returned; {@link FailurePolicy#EVERY_OBJECT}: every object is tried and its failure, if
   *     any, is in its {@link ObjectOutcome}
   * @throws io.kvflex.errors.KvflexException whatever the policy, when no client can be set up
   *     (cloud environment, credentials, proxy variables) or getting one outlasts the deadline
   */
  Projection project(MountRequest request, Instant deadline, FailurePolicy policy);

  /**
   * The production engine: Key Vault (or localvault) through the driver's vault adapter, with warm
   * state of its own ({@link WarmVaults}); a process serving many calls shares one {@link
   * WarmVaults} between their engines instead.
   */
  static MountEngine create(EngineWorld world) {
    return WarmVaults.create(world.clock(), world.log()).engine(world);
  }

  /** An engine reaching vaults through {@code vaults} (a test double, or a warm cache). */
  static MountEngine create(EngineWorld world, VaultAccess vaults) {
    return new Engine(world, vaults);
  }
}
