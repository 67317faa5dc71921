package io.kvflex.rotation;

import io.kvflex.options.CloudName;
import io.kvflex.options.CloudSelection;
import io.kvflex.options.IdentityMode;
import io.kvflex.options.MountRequest;
import io.kvflex.options.ObjectFormat;
import io.kvflex.options.ObjectType;
import io.kvflex.options.Sensitive;
import io.kvflex.options.VaultObjectSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

/** Rotating volumes and a same-thread executor for rotation tests. */
final class RotationFixtures {
  static final String CLIENT_SECRET = "SENTINEL-rotation-client-secret-51c2";

  private RotationFixtures() {}

  static VaultObjectSpec secret(String name) {
    return new VaultObjectSpec(ObjectType.SECRET, name, Optional.empty(), name, ObjectFormat.RAW);
  }

  static VaultObjectSpec pinned(String name, String version) {
    return new VaultObjectSpec(
        ObjectType.SECRET, name, Optional.of(version), name, ObjectFormat.RAW);
  }

  static MountRequest request(String vault, Duration interval, List<VaultObjectSpec> objects) {
    return new MountRequest(
        vault,
        "00000000-0000-0000-0000-000000000001",
        new CloudSelection(CloudName.AZURE_PUBLIC_CLOUD, Optional.empty()),
        new IdentityMode.ServicePrincipalSecret("client-1", Sensitive.ofUtf8(CLIENT_SECRET)),
        objects,
        0644,
        OptionalInt.empty(),
        16L * 1024 * 1024,
        Duration.ofSeconds(30),
        Optional.of(interval),
        new MountRequest.PodInfo("shop", "web-0", "uid-1", "default"),
        Optional.empty(),
        Optional.empty());
  }

  static RotatingVolume volume(String dir, String vault, Duration interval) {
    return new RotatingVolume(Path.of(dir), request(vault, interval, List.of(secret("db"))));
  }

  /** A guard whose volume is there until a test says why not; its lock counts and never waits. */
  static final class FakeGuard implements VolumeGuard {
    volatile Optional<String> gone = Optional.empty();
    final java.util.concurrent.atomic.AtomicInteger locks =
        new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public Optional<String> whyGone(RotatingVolume volume) {
      return gone;
    }

    @Override
    public Held lock(RotatingVolume volume, java.time.Instant deadline) {
      locks.incrementAndGet();
      return () -> {};
    }
  }

  /** Runs every task on the caller's thread, at once. */
  static final class SameThread extends AbstractExecutorService {
    private volatile boolean shut;

    @Override
    public void execute(Runnable command) {
      command.run();
    }

    @Override
    public void shutdown() {
      shut = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
      shut = true;
      return List.of();
    }

    @Override
    public boolean isShutdown() {
      return shut;
    }

    @Override
    public boolean isTerminated() {
      return shut;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return true;
    }
  }
}
