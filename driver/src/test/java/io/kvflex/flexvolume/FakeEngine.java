package io.kvflex.flexvolume;

import io.kvflex.errors.UserInputException;
import io.kvflex.options.MountRequest;
import io.kvflex.options.Sensitive;
import io.kvflex.options.VaultObjectSpec;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import io.kvflex.render.FileProjection;
import io.kvflex.vault.VaultClient;
import io.kvflex.vault.VaultObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An engine whose parse returns a fixed request (or fails), whose vault serves secrets whose value
 * is {@code "value-of-<name>"}, and whose renderer writes that value raw. Behaviour per object can
 * be overridden; calls are counted.
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
  public VaultClient openVault(MountRequest request, Instant deadline) {
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

  @Override
  public List<FileProjection> render(VaultObjectSpec spec, VaultObject object, MountRequest req) {
    if (!(object instanceof VaultObject.Secret secret)) {
      throw new UserInputException(spec.ref().describe() + ": not a secret");
    }
    return List.of(
        new FileProjection(
            spec.fileName(),
            secret.value().revealUtf8().getBytes(StandardCharsets.UTF_8),
            req.fileMode(),
            spec.ref().describe() + " as raw"));
  }
}
