package io.kvflex.flexvolume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvflex.errors.KvflexException;
import io.kvflex.errors.LocalWriteException;
import io.kvflex.errors.RemoteException;
import io.kvflex.errors.UserInputException;
import io.kvflex.mount.AtomicProjectionWriter;
import io.kvflex.mount.CrashPoints;
import io.kvflex.mount.VolumeLifecycle;
import io.kvflex.mount.VolumeLocks;
import io.kvflex.mount.VolumeMarker;
import io.kvflex.options.ObjectFormat;
import io.kvflex.options.ObjectType;
import io.kvflex.options.VaultObjectSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountServiceTest {
  @TempDir Path tmp;
  TestVolumes volumes;
  FakeMounter mounter;
  VolumeLifecycle lifecycle;
  final DriverTest.RecordingLog log = new DriverTest.RecordingLog();

  @BeforeEach
  void host() {
    volumes = new TestVolumes(tmp);
    mounter = volumes.mounter;
    lifecycle = volumes.lifecycle(log);
  }

  MountService service(FakeEngine engine) {
    return new MountService(engine, lifecycle, log, Clock.systemUTC());
  }

  /** A service whose writer puts file contents through {@code fileOps} (to inject failures). */
  MountService service(FakeEngine engine, AtomicProjectionWriter.FileOps fileOps) {
    VolumeLifecycle injected =
        volumes.lifecycle(new AtomicProjectionWriter(fileOps), CrashPoints.NONE, log);
    return new MountService(engine, injected, log, Clock.systemUTC());
  }

  FakeEngine engine(List<VaultObjectSpec> objects, Duration timeout) {
    FakeEngine engine =
        new FakeEngine(Fixtures.request(objects, timeout), List.of("unknown option \"foo\""));
    engine.log = log;
    return engine;
  }

  Path volume() {
    return volumes.createdVolumeDir(Fixtures.POD_UID, "vol");
  }

  @Test
  void fetchesEachDistinctObjectOnceWithOneClient() throws Exception {
    FakeEngine engine =
        engine(
            List.of(Fixtures.secret("a"), Fixtures.secretAs("a", "again/a"), Fixtures.secret("b")),
            Duration.ofSeconds(5));
    Path dir = volume();
    service(engine).mount(dir, "{}");
    assertThat(engine.fetched).extracting(r -> r.name()).containsExactlyInAnyOrder("a", "b");
    assertThat(engine.opened).hasValue(1);
    assertThat(Files.readString(dir.resolve("again/a"))).isEqualTo("value-of-a");
    assertThat(Files.readString(dir.resolve("b"))).isEqualTo("value-of-b");
  }

  @Test
  void filesAreWrittenInAPrivateStagingTmpfsAndBoundOntoTheTarget() throws Exception {
    Path dir = volume();
    service(engine(List.of(Fixtures.secret("a")), Duration.ofSeconds(5))).mount(dir, "{}");
    assertThat(mounter.calls).hasSize(3);
    assertThat(mounter.calls.get(0))
        .matches("mount run/staging/[0-9a-f]{3}\\.[0-9a-f]{16} 16777216");
    String staging = mounter.calls.get(0).split(" ")[1];
    assertThat(mounter.calls)
        .containsExactly(
            "mount " + staging + " 16777216",
            "bind " + staging + " " + tmp.relativize(dir),
            "umount " + staging);
    assertThat(mounter.stackAt(dir)).singleElement().matches(VolumeMarker::isOurs);
    assertThat(dir.resolve(VolumeMarker.FILE)).exists();
    assertThat(volumes.stagingLeft()).isZero();
  }

  @Test
  void parserWarningsAndFetchesAreLogged() throws Exception {
    FakeEngine engine = engine(List.of(Fixtures.secret("a")), Duration.ofSeconds(5));
    service(engine).mount(volume(), "{}");
    assertThat(log.lines)
        .anyMatch(l -> l.startsWith("WARN options.warning") && l.contains("unknown option"))
        .anyMatch(
            l -> l.startsWith("INFO fetch.done type secret name a requested latest version v1"))
        .anyMatch(l -> l.startsWith("INFO mount.done"));
  }

  @Test
  void fetchesInParallelButBounded() throws Exception {
    List<VaultObjectSpec> many = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      many.add(Fixtures.secret("s" + i));
    }
    FakeEngine engine = engine(many, Duration.ofSeconds(20));
    engine.fetchDelayMillis = 50;
    service(engine).mount(volume(), "{}");
    // At most FetchPhase.MAX_PARALLEL (8) of the 12 at once.
    assertThat(engine.maxInFlight.get()).isBetween(2, 8);
    assertThat(engine.fetched).hasSize(12);
  }

  @Test
  void aCallWhoseDeadlinePassedWhileItWaitedIsAnsweredWithoutFetching() throws Exception {
    FakeEngine engine = engine(List.of(Fixtures.secret("a")), Duration.ofSeconds(5));
    Path dir = volume();
    java.time.Instant launched = java.time.Instant.now().minus(Duration.ofSeconds(6));
    assertThatThrownBy(() -> service(engine).mount(dir, "{}", launched))
        .isInstanceOf(RemoteException.class)
        .hasMessageContaining("deadline (option timeout, 5s) passed before it could start")
        .hasMessageContaining("the kubelet will retry");
    assertThat(engine.opened).hasValue(0);
    assertThat(engine.fetched).isEmpty();
    assertThat(mounter.calls).isEmpty();
  }

  @Test
  void aCompleteVolumeForThisRequestIsVerifiedWithoutFetching() throws Exception {
    FakeEngine engine = engine(List.of(Fixtures.secret("a")), Duration.ofSeconds(5));
    Path dir = volume();
    service(engine).mount(dir, "{}");
    mounter.calls.clear();
    service(engine).mount(dir, "{}");
    assertThat(engine.fetched).hasSize(1);
    assertThat(mounter.calls).isEmpty();
    assertThat(log.lines).anyMatch(l -> l.startsWith("INFO mount.verified"));
  }

  @Test
  void anIncompleteVolumeOfOursIsRepairedNeverCalledDone() throws Exception {
    FakeEngine engine =
        engine(List.of(Fixtures.secret("a"), Fixtures.secret("b")), Duration.ofSeconds(5));
    Path dir = volume();
    service(engine).mount(dir, "{}");
    // A file vanished (a root container, a bug): the volume is no longer complete.
    Path data = dir.resolve(Files.readSymbolicLink(dir.resolve("..data")));
    Files.delete(data.resolve("b"));
    service(engine).mount(dir, "{}");
    assertThat(log.lines)
        .anyMatch(l -> l.startsWith("WARN mount.repair") && l.contains("files are missing"));
    assertThat(Files.readString(dir.resolve("b"))).isEqualTo("value-of-b");
    assertThat(mounter.stackAt(dir)).hasSize(1);
    assertThat(engine.fetched).hasSize(4);
  }

  @Test
  void aVolumeMountedForOtherOptionsIsReplaced() throws Exception {
    Path dir = volume();
    service(engine(List.of(Fixtures.secret("a")), Duration.ofSeconds(5))).mount(dir, "{}");
    service(engine(List.of(Fixtures.secret("b")), Duration.ofSeconds(5))).mount(dir, "{}");
    assertThat(log.lines)
        .anyMatch(l -> l.startsWith("WARN mount.repair") && l.contains("different volume options"));
    assertThat(dir.resolve("a")).doesNotExist();
    assertThat(Files.readString(dir.resolve("b"))).isEqualTo("value-of-b");
    assertThat(mounter.stackAt(dir)).hasSize(1);
  }

  @Test
  void aForeignMountIsNeitherMountedOverNorCalledDone() {
    FakeEngine engine = engine(List.of(Fixtures.secret("a")), Duration.ofSeconds(5));
    Path dir = volume();
    mounter.mountForeign(dir, "tmpfs", "tmpfs");
    assertThatThrownBy(() -> service(engine).mount(dir, "{}"))
        .isInstanceOf(LocalWriteException.class)
        .hasMessageContaining("has a mount that is not a kvflex volume (tmpfs from \"tmpfs\")")
        .hasMessageContaining("findmnt " + dir);
    assertThat(engine.fetched).isEmpty();
    assertThat(mounter.stackAt(dir)).hasSize(1);
  }

  @Test
  void aVolumeAdoptedFromTheLegacyDriverIsNeitherVerifiedNorMountedOver() throws Exception {
    FakeEngine engine = engine(List.of(Fixtures.secret("a")), Duration.ofSeconds(5));
    Path dir = volume();
    mounter.mountLegacy(dir, "0:57");
    Files.writeString(dir.resolve("a"), "legacy bytes");
    volumes.adopt(lifecycle);
    mounter.calls.clear();
    assertThatThrownBy(() -> service(engine).mount(dir, "{}"))
        .isInstanceOf(LocalWriteException.class)
        .hasMessageContaining("holds a volume an earlier driver mounted")
        .hasMessageContaining("cannot verify its files for this request")
        .hasMessageContaining("delete or restart the pod");
    assertThat(engine.fetched).isEmpty();
    assertThat(mounter.calls).isEmpty();
    assertThat(dir.resolve("a")).hasContent("legacy bytes");
    assertThat(volumes.adoptionRecords()).as("still adopted for the unmount").isEqualTo(1);
  }

  @Test
  void onlyKubeletVolumeDirectoriesAreMounted() {
    FakeEngine engine = engine(List.of(Fixtures.secret("a")), Duration.ofSeconds(5));
    assertThatThrownBy(() -> service(engine).mount(tmp.resolve("vol"), "{}"))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("is not a kubelet volume directory of driver azure/kv")
        .hasMessageContaining("<kubelet root>/pods/<pod uid>/volumes/azure~kv/<volume name>");
    assertThat(engine.parsed).hasValue(0);
  }

  @Test
  void aSymlinkedOrNonDirectoryTargetIsRefusedBeforeAnythingIsMounted() throws Exception {
    FakeEngine engine = engine(List.of(Fixtures.secret("a")), Duration.ofSeconds(5));
    Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
    Path link = volumes.volumeDir(Fixtures.POD_UID, "linked");
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, elsewhere);
    assertThatThrownBy(() -> service(engine).mount(link, "{}"))
        .isInstanceOf(LocalWriteException.class)
        .hasMessageContaining(link + " is a symbolic link");
    Path file = Files.writeString(volumes.volumeDir(Fixtures.POD_UID, "file"), "x");
    assertThatThrownBy(() -> service(engine).mount(file, "{}"))
        .hasMessageContaining(file + " is not a directory");
    assertThat(mounter.calls).isEmpty();
    assertThat(elsewhere).isEmptyDirectory();
  }

  @Test
  void aFailedFetchNamesTheObjectAndMountsNothing() throws Exception {
    FakeEngine engine =
        engine(List.of(Fixtures.secret("ok"), Fixtures.secret("missing")), Duration.ofSeconds(5));
    engine.behaviour.put(
        "missing",
        r -> {
          throw new RemoteException("not found in vault kvflexvault (404); check the name");
        });
    Path dir = volume();
    assertThatThrownBy(() -> service(engine).mount(dir, "{}"))
        .isInstanceOf(RemoteException.class)
        .hasMessage(
            "secret/missing (latest): not found in vault kvflexvault (404); check the name");
    assertThat(mounter.calls).isEmpty();
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void aHungVaultFailsAtTheDeadline() throws Exception {
    FakeEngine engine =
        engine(List.of(Fixtures.secret("slow"), Fixtures.secret("fast")), Duration.ofSeconds(1));
    engine.behaviour.put(
        "slow",
        r -> {
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          throw new IllegalStateException("should have been abandoned");
        });
    Path dir = volume();
    long start = System.nanoTime();
    assertThatThrownBy(() -> service(engine).mount(dir, "{}"))
        .isInstanceOf(RemoteException.class)
        .hasMessageContaining("timed out after 1s waiting for secret/slow (latest)")
        .hasMessageNotContaining("secret/fast");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(mounter.calls).isEmpty();
  }

  @Test
  void anUnexpectedFetchErrorIsADefectNamingTheObject() throws Exception {
    FakeEngine engine = engine(List.of(Fixtures.secret("x")), Duration.ofSeconds(5));
    engine.behaviour.put(
        "x",
        r -> {
          throw new NullPointerException("deep inside");
        });
    assertThatThrownBy(() -> service(engine).mount(volume(), "{}"))
        .isInstanceOf(KvflexException.class)
        .hasMessageContaining("could not fetch secret/x (latest): unexpected NullPointerException")
        .hasMessageNotContaining("deep inside");
  }

  @Test
  void aRenderFailureMountsNothing() throws Exception {
    FakeEngine engine =
        engine(
            List.of(
                new VaultObjectSpec(
                    ObjectType.SECRET, "k", Optional.empty(), "k", ObjectFormat.HEX)),
            Duration.ofSeconds(5));
    Path dir = volume();
    assertThatThrownBy(() -> service(engine).mount(dir, "{}"))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("secret/k");
    assertThat(mounter.calls).isEmpty();
  }

  @Test
  void unsafeOrCollidingPathsFailBeforeMounting() throws Exception {
    FakeEngine engine =
        engine(List.of(Fixtures.secret("a"), Fixtures.secretAs("b", "a/b")), Duration.ofSeconds(5));
    Path dir = volume();
    assertThatThrownBy(() -> service(engine).mount(dir, "{}"))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("both a file and a directory");
    assertThat(mounter.calls).isEmpty();
  }

  @Test
  void aWriteFailureLeavesTheTargetUntouchedAndNoStaging() throws Exception {
    FakeEngine engine =
        engine(List.of(Fixtures.secret("a"), Fixtures.secret("b")), Duration.ofSeconds(5));
    Path dir = volume();
    AtomicProjectionWriter failingSecond =
        new AtomicProjectionWriter(
            (file, bytes) -> {
              if (file.getFileName().toString().equals("b")) {
                throw new java.io.IOException("No space left on device");
              }
              Files.write(file, bytes);
            });
    MountService service =
        new MountService(
            engine,
            volumes.lifecycle(failingSecond, CrashPoints.NONE, log),
            log,
            Clock.systemUTC());
    assertThatThrownBy(() -> service.mount(dir, "{}"))
        .isInstanceOf(LocalWriteException.class)
        .hasMessageContaining("could not write b into volume")
        .hasMessageContaining("No space left on device");
    assertThat(mounter.calls).hasSize(2);
    assertThat(mounter.calls.get(0)).startsWith("mount run/staging/");
    assertThat(mounter.calls.get(1)).startsWith("umount run/staging/");
    assertThat(mounter.mounted()).isEmpty();
    assertThat(volumes.stagingLeft()).isZero();
    try (Stream<Path> entries = Files.list(dir)) {
      assertThat(entries).isEmpty();
    }
  }

  @Test
  void aBindFailureLeavesNothing() throws Exception {
    FakeEngine engine = engine(List.of(Fixtures.secret("a")), Duration.ofSeconds(5));
    mounter.failBind = true;
    Path dir = volume();
    assertThatThrownBy(() -> service(engine).mount(dir, "{}"))
        .hasMessageContaining("could not bind onto");
    assertThat(mounter.mounted()).isEmpty();
    assertThat(volumes.stagingLeft()).isZero();
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void aMountFailureRemovesADirectoryItCreated() {
    FakeEngine engine = engine(List.of(Fixtures.secret("a")), Duration.ofSeconds(5));
    mounter.failMount = true;
    Path dir = volumes.volumeDir(Fixtures.POD_UID, "created-by-driver");
    assertThatThrownBy(() -> service(engine).mount(dir, "{}"))
        .isInstanceOf(LocalWriteException.class)
        .hasMessageContaining("could not mount a tmpfs");
    assertThat(dir).doesNotExist();
    assertThat(volumes.stagingLeft()).isZero();
  }

  @Test
  void leftoversOfADeadMountAreCleanedByTheNextCall() throws Exception {
    FakeEngine engine =
        engine(List.of(Fixtures.secret("a"), Fixtures.secret("b")), Duration.ofSeconds(5));
    Path dir = volume();
    // The first call "dies" right after its first file: the exception stands in for kill -9.
    CrashPoints dies =
        step -> {
          if (step.equals(CrashPoints.Step.fileWritten(1))) {
            throw new Killed();
          }
        };
    VolumeLifecycle dying = volumes.lifecycle(new AtomicProjectionWriter(), dies, log);
    try {
      new MountService(engine, dying, log, Clock.systemUTC()).mount(dir, "{}");
    } catch (Killed e) {
      // expected
    }
    assertThat(dir).isEmptyDirectory();
    assertThat(mounter.stackAt(dir)).isEmpty();
    service(engine).mount(dir, "{}");
    assertThat(Files.readString(dir.resolve("b"))).isEqualTo("value-of-b");
    assertThat(volumes.stagingLeft()).isZero();
    assertThat(mounter.mounted()).containsExactly(dir);
  }

  @Test
  void concurrentMountsOfOneTargetLeaveOneLayer() throws Exception {
    FakeEngine engine = engine(List.of(Fixtures.secret("a")), Duration.ofSeconds(60));
    engine.fetchDelayMillis = 20;
    Path dir = volume();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> all = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        all.add(
            pool.submit(
                () -> {
                  start.await();
                  service(engine).mount(dir, "{}");
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : all) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(mounter.stackAt(dir)).hasSize(1);
    assertThat(engine.fetched).hasSize(1);
    assertThat(log.lines.stream().filter(l -> l.startsWith("INFO mount.verified"))).hasSize(3);
  }

  @Test
  void aMountWaitsForTheVolumeLockOnlyUntilItsDeadline() throws Exception {
    FakeEngine engine = engine(List.of(Fixtures.secret("a")), Duration.ofSeconds(1));
    Path dir = volume();
    VolumeLocks other = new VolumeLocks(volumes.runDir, Clock.systemUTC());
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder =
        new Thread(
            () -> {
              try (VolumeLocks.Held h =
                  other.acquire(
                      Fixtures.POD_UID + "/vol", java.time.Instant.now().plusSeconds(30), "x")) {
                held.countDown();
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    holder.start();
    held.await();
    try {
      assertThatThrownBy(() -> service(engine).mount(dir, "{}"))
          .isInstanceOf(LocalWriteException.class)
          .hasMessageContaining("another mount or unmount of " + dir + " is still running");
      assertThat(engine.fetched).isEmpty();
    } finally {
      release.countDown();
      holder.join();
    }
    service(engine(List.of(Fixtures.secret("a")), Duration.ofSeconds(30))).mount(dir, "{}");
    assertThat(mounter.stackAt(dir)).hasSize(1);
  }

  @Test
  void fileNamesTheRuntimeCannotEncodeFailBeforeFetching() {
    FakeEngine engine =
        new FakeEngine(
            Fixtures.request(
                List.of(Fixtures.secretAs("a", "caf\u00e9.txt")), Duration.ofSeconds(5)),
            List.of());
    assertThatThrownBy(
            () ->
                FileNameEncoding.check(engine.request, java.nio.charset.StandardCharsets.US_ASCII))
        .isInstanceOf(LocalWriteException.class)
        .hasMessageContaining("file name \"caf\u00e9.txt\" of secret/a (latest) cannot be written")
        .hasMessageContaining("LC_ALL=C.UTF-8");
    FileNameEncoding.check(engine.request, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void fsGroupIsPassedToTheWriter() throws Exception {
    FakeEngine engine =
        new FakeEngine(
            Fixtures.request(
                List.of(Fixtures.secret("a")), Duration.ofSeconds(5), OptionalInt.of(4321)),
            List.of());
    Path dir = volume();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")), "chgrp to an arbitrary gid needs root");
    service(engine).mount(dir, "{}");
    assertThat(Files.getAttribute(dir.resolve("a"), "unix:gid")).isEqualTo(4321);
  }

  /** Stands in for kill -9 in a unit test: nothing of the lifecycle catches an Error. */
  static final class Killed extends Error {
    Killed() {
      super("killed", null, false, false);
    }
  }

  @Test
  void filesThatCannotFitTmpfssizeFailBeforeAnythingIsMounted() throws Exception {
    FakeEngine engine =
        new FakeEngine(
            Fixtures.request(
                List.of(Fixtures.secret("big"), Fixtures.secret("small")),
                Duration.ofSeconds(5),
                OptionalInt.empty(),
                1024 * 1024),
            List.of());
    engine.behaviour.put("big", r -> FakeEngine.secretValue(r, "x".repeat(1024 * 1024)));
    Path dir = volume();
    assertThatThrownBy(() -> service(engine).mount(dir, "{}"))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining(
            "the volume's files do not fit its tmpfs: its 2 files need about 1032 KiB but option"
                + " tmpfssize is 1024 KiB")
        .hasMessageContaining("raise the volume option tmpfssize (e.g. tmpfssize=3m)");
    assertThat(mounter.calls).isEmpty();
  }

  @Test
  void aTmpfsThatFillsUpWhileWritingNamesTmpfssize() throws Exception {
    FakeEngine engine = engine(List.of(Fixtures.secret("a")), Duration.ofSeconds(5));
    MountService full =
        service(
            engine,
            (file, bytes) -> {
              throw new java.io.IOException("No space left on device");
            });
    Path dir = volume();
    assertThatThrownBy(() -> full.mount(dir, "{}"))
        .isInstanceOf(LocalWriteException.class)
        .hasMessageContaining("could not write a into volume")
        .hasMessageContaining(
            "No space left on device: the volume's tmpfs (option tmpfssize, 16384 KiB) is full;"
                + " its 1 file needs about 8 KiB; fix: raise the volume option tmpfssize (e.g."
                + " tmpfssize=32m)");
    assertThat(mounter.stackAt(dir)).isEmpty();
    assertThat(volumes.stagingLeft()).isZero();
  }

  @Test
  void runningOutOfMemoryIsNamedWithTheHeapLimitNotAsADefect() throws Exception {
    FakeEngine engine =
        engine(List.of(Fixtures.secret("a"), Fixtures.secret("b")), Duration.ofSeconds(5));
    engine.behaviour.put(
        "b",
        r -> {
          throw new OutOfMemoryError("Java heap space");
        });
    Path dir = volume();
    assertThatThrownBy(() -> service(engine).mount(dir, "{}"))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("the driver ran out of memory (its Java heap is limited to")
        .hasMessageContaining("during fetch secret/b (latest)")
        .hasMessageContaining("split them over several volumes")
        .hasMessageNotContaining("defect");
    assertThat(mounter.calls).isEmpty();
  }

  @Test
  void runningOutOfMemoryWhileWritingLeavesNothingMounted() throws Exception {
    FakeEngine engine = engine(List.of(Fixtures.secret("a")), Duration.ofSeconds(5));
    MountService starved =
        service(
            engine,
            (file, bytes) -> {
              throw new OutOfMemoryError("Java heap space");
            });
    Path dir = volume();
    assertThatThrownBy(() -> starved.mount(dir, "{}")).isInstanceOf(OutOfMemoryError.class);
    assertThat(mounter.stackAt(dir)).isEmpty();
    assertThat(volumes.stagingLeft()).isZero();
    assertThat(mounter.calls).anyMatch(c -> c.startsWith("umount "));
  }
}
