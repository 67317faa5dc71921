package io.kvflex.flexvolume;

import io.kvflex.engine.EngineWorld;
import io.kvflex.engine.FailurePolicy;
import io.kvflex.engine.MountEngine;
import io.kvflex.engine.Projection;
import io.kvflex.flexvolume.log.EventLog;
import io.kvflex.options.MountRequest;
import io.kvflex.options.PodEvidence;
import io.kvflex.options.Sensitive;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import io.kvflex.vault.VaultClient;
import io.kvflex.vault.VaultObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An engine whose parse returns a fixed request (or fails) and whose vault serves secrets whose
 * value is {@code "value-of-<name>"}; fetching and rendering are the real engine's. Behaviour per
 * object can be overridden; calls are counted.
 */
final class FakeEngine implements MountEngine {
  final MountRequest request;
  final List<String> warnings;
  final List<ObjectRef> fetched = new CopyOnWriteArrayList<>();
  final AtomicInteger opened = new AtomicInteger();
  final AtomicInteger parsed = new AtomicInteger();
  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger maxInFlight = new AtomicInteger();
  final Map<String, Function<ObjectRef, VaultObject>> behaviour = new ConcurrentHashMap<>();
  volatile RuntimeException parseFailure;
  volatile long fetchDelayMillis;

  /** Where the real engine logs its fetches (a test that reads the log sets its own). */
  volatile EventLog log = EventLog.discarding();

  FakeEngine(MountRequest request, List<String> warnings) {
    this.request = request;
    this.warnings = warnings;
  }

  static VaultObject.Secret secretValue(ObjectRef ref, String value) {
    return new VaultObject.Secret(ref, "v1", Sensitive.ofUtf8(value), Optional.empty());
  }

  @Override
  public ParsedMount parse(String optionsJson, Path mountDir) {
    parsed.incrementAndGet();
    if (parseFailure != null) {
      throw parseFailure;
    }
    return new ParsedMount(request, warnings);
  }

  @Override
  public Projection project(MountRequest request, Instant deadline, FailurePolicy policy) {
    EngineWorld world = new EngineWorld(Map.of(), Clock.systemUTC(), log, PodEvidence.NONE);
    return MountEngine.create(world, this::openVault).project(request, deadline, policy);
  }

  private VaultClient openVault(MountRequest request, Instant deadline) {
    opened.incrementAndGet();
    return ref -> {
      int now = inFlight.incrementAndGet();
      maxInFlight.accumulateAndGet(now, Math::max);
      try {
        fetched.add(ref);
        if (fetchDelayMillis > 0) {
          Thread.sleep(fetchDelayMillis);
        }
        return behaviour
            .getOrDefault(ref.name(), r -> secretValue(r, "value-of-" + r.name()))
            .apply(ref);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted");
      } finally {
        inFlight.decrementAndGet();
      }
    };
  }
}
