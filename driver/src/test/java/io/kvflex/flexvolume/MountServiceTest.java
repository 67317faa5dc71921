package io.kvflex.flexvolume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvflex.errors.KvflexException;
import io.kvflex.errors.LocalWriteException;
import io.kvflex.errors.RemoteException;
import io.kvflex.errors.UserInputException;
import io.kvflex.mount.AtomicProjectionWriter;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountServiceTest {
  @TempDir Path tmp;
  final FakeMounter mounter = new FakeMounter();
  final DriverTest.RecordingLog log = new DriverTest.RecordingLog();

  MountService service(FakeEngine engine) {
    return new MountService(engine, mounter, new AtomicProjectionWriter(), log, Clock.systemUTC());
  }

  /** A service whose writer puts file contents through {@code fileOps} (to inject failures). */
  MountService service(FakeEngine engine, AtomicProjectionWriter.FileOps fileOps) {
    return new MountService(
        engine, mounter, new AtomicProjectionWriter(fileOps), log, Clock.systemUTC());
  }

  FakeEngine engine(List<VaultObjectSpec> objects, Duration timeout) {
    FakeEngine engine =
        new FakeEngine(Fixtures.request(objects, timeout), List.of("unknown option \"foo\""));
    engine.log = log;
    return engine;
  }

  Path volume() throws Exception {
    return Files.createDirectory(tmp.resolve("vol"));
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
    assertThat(engine.maxInFlight.get()).isBetween(2, 4);
    assertThat(engine.fetched).hasSize(12);
  }

  @Test
  void alreadyMountedSucceedsWithoutParsingOrFetching() throws Exception {
    FakeEngine engine = engine(List.of(Fixtures.secret("a")), Duration.ofSeconds(5));
    Path dir = volume();
    mounter.mounted.add(dir);
    service(engine).mount(dir, "{}");
    assertThat(engine.parsed).hasValue(0);
    assertThat(engine.fetched).isEmpty();
    assertThat(mounter.calls).isEmpty();
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
  void aWriteFailureUnmountsAndLeavesNothing() throws Exception {
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
    MountService service = new MountService(engine, mounter, failingSecond, log, Clock.systemUTC());
    assertThatThrownBy(() -> service.mount(dir, "{}"))
        .isInstanceOf(LocalWriteException.class)
        .hasMessageContaining("could not write b into volume")
        .hasMessageContaining("No space left on device");
    assertThat(mounter.calls).containsExactly("mount " + dir + " 16777216", "umount " + dir);
    assertThat(mounter.mounted).isEmpty();
    try (Stream<Path> entries = Files.list(dir)) {
      assertThat(entries).isEmpty();
    }
  }

  @Test
  void aMountFailureRemovesADirectoryItCreated() {
    FakeEngine engine = engine(List.of(Fixtures.secret("a")), Duration.ofSeconds(5));
    mounter.failMount = true;
    Path dir = tmp.resolve("created-by-driver");
    assertThatThrownBy(() -> service(engine).mount(dir, "{}"))
        .isInstanceOf(LocalWriteException.class)
        .hasMessageContaining("could not mount a tmpfs");
    assertThat(dir).doesNotExist();
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
            "the volume's files do not fit its tmpfs: its 2 files need about 1028 KiB but option"
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
        .hasMessageStartingWith("could not write a into volume")
        .hasMessageContaining(
            "No space left on device: the volume's tmpfs (option tmpfssize, 16384 KiB) is full;"
                + " its 1 file needs about 4 KiB; fix: raise the volume option tmpfssize (e.g."
                + " tmpfssize=32m)");
    assertThat(mounter.mounted).isEmpty();
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
    assertThat(mounter.mounted).isEmpty();
    assertThat(mounter.calls).anyMatch(c -> c.startsWith("umount "));
  }
}
