package io.kvflex.mount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvflex.errors.LocalWriteException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeLocksTest {
  @TempDir Path tmp;

  VolumeLocks locks() {
    return new VolumeLocks(new RunDir(tmp.resolve("run")), Clock.systemUTC());
  }

  static Instant in(int seconds) {
    return Instant.now().plusSeconds(seconds);
  }

  @Test
  void lockFilesArePrivateAndBounded() throws Exception {
    try (VolumeLocks.Held held = locks().acquire("uid-1/vol", in(10), "v")) {
      assertThat(held.stripe()).matches("[0-9a-f]{3}");
      Path file = tmp.resolve("run/locks/" + held.stripe() + ".lock");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("run"))))
          .isEqualTo("rwx------");
    }
    assertThat(VolumeLocks.stripeOf("uid-1/vol")).isEqualTo(VolumeLocks.stripeOf("uid-1/vol"));
    assertThat(Integer.parseInt(VolumeLocks.stripeOf("x"), 16)).isLessThan(VolumeLocks.STRIPES);
  }

  @Test
  void aNamedLockExcludesItsOwnHoldersAndNoVolumesLock() {
    VolumeLocks locks = locks();
    try (VolumeLocks.Held held = locks.acquireNamed("adoption", in(10), "adoption run")) {
      assertThat(tmp.resolve("run/locks/adoption.lock")).isRegularFile();
      assertThatThrownBy(
              () -> locks.acquireNamed("adoption", Instant.now().plusMillis(200), "adoption run"))
          .isInstanceOf(LocalWriteException.class)
          .hasMessageContaining("another adoption run is still running")
          .hasMessageContaining("try again");
      try (VolumeLocks.Held volume = locks.acquire("uid-1/vol", in(10), "v")) {
        assertThat(volume.stripe()).isNotEqualTo(held.stripe());
      }
    }
    assertThatThrownBy(() -> locks.acquireNamed("abc", in(1), "x"))
        .as("a stripe's name is never a lock name")
        .isInstanceOf(io.kvflex.errors.BugException.class);
    assertThatThrownBy(() -> locks.acquireNamed("../x", in(1), "x"))
        .isInstanceOf(io.kvflex.errors.BugException.class);
  }

  @Test
  void aSecondThreadWaitsUntilTheFirstReleases() throws Exception {
    VolumeLocks locks = locks();
    VolumeLocks.Held first = locks.acquire("uid-1/vol", in(10), "v");
    CountDownLatch acquired = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread second =
        new Thread(
            () -> {
              // Another instance in the same JVM, as a second service would have.
              try (VolumeLocks.Held h = locks().acquire("uid-1/vol", in(60), "v")) {
                acquired.countDown();
              } catch (Throwable t) {
                failure.set(t);
              }
            });
    second.start();
    assertThat(acquired.await(300, TimeUnit.MILLISECONDS)).as("still waiting").isFalse();
    first.close();
    second.join(60_000);
    assertThat(failure.get()).isNull();
    assertThat(acquired.getCount()).isZero();
  }

  @Test
  void waitingEndsAtTheDeadlineWithAClearMessage() {
    VolumeLocks locks = locks();
    try (VolumeLocks.Held held = locks.acquire("uid-1/vol", in(10), "v")) {
      assertThatThrownBy(() -> locks.acquire("uid-1/vol", Instant.now().plusMillis(200), "/k/v"))
          .isInstanceOf(LocalWriteException.class)
          .hasMessageContaining("another mount or unmount of /k/v is still running")
          .hasMessageContaining("the kubelet will retry");
      assertThat(locks.tryAcquireStripe(held.stripe())).isEmpty();
    }
    assertThat(locks.tryAcquireStripe(VolumeLocks.stripeOf("uid-1/vol")))
        .isPresent()
        .get()
        .satisfies(VolumeLocks.Held::close);
  }

  @Test
  void aClosedLockIsNoLongerValid() {
    VolumeLocks.Held held = locks().acquire("k", in(10), "v");
    held.ensureValid();
    held.close();
    assertThatThrownBy(held::ensureValid).hasMessageContaining("was lost");
    held.close();
  }

  @Test
  void anotherProcessHoldingTheLockBlocksUsAndItsDeathReleasesIt() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process holder =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LockHolderMain.class.getName(),
                tmp.resolve("run").toString(),
                "uid-9/vol")
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("locked");
      assertThatThrownBy(() -> locks().acquire("uid-9/vol", Instant.now().plusMillis(500), "v"))
          .hasMessageContaining("is still running");
      // kill -9: the kernel drops the holder's fcntl lock, nothing is left stuck.
      holder.destroyForcibly();
      assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
      try (VolumeLocks.Held held = locks().acquire("uid-9/vol", in(60), "v")) {
        held.ensureValid();
      }
    } finally {
      holder.destroyForcibly();
    }
  }
}
