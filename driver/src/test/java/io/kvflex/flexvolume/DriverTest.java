package io.kvflex.flexvolume;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.errors.RemoteException;
import io.kvflex.flexvolume.log.EventLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriverTest {
  @TempDir Path tmp;
  TestVolumes volumes;
  final RecordingLog log = new RecordingLog();
  final FakeEngine engine =
      new FakeEngine(
          Fixtures.request(List.of(Fixtures.secret("db")), Duration.ofSeconds(5)), List.of());

  DriverStatus run(String... args) {
    if (volumes == null) {
      volumes = new TestVolumes(tmp);
    }
    DriverWorld world =
        new DriverWorld(Map.of(), Clock.systemUTC(), log, volumes.lifecycle(log), () -> engine);
    return Driver.run(args, world);
  }

  Path dir() {
    if (volumes == null) {
      volumes = new TestVolumes(tmp);
    }
    return volumes.volumeDir(Fixtures.POD_UID, "vol");
  }

  @Test
  void initNeedsNoEngine() {
    DriverWorld world =
        new DriverWorld(
            Map.of(),
            Clock.systemUTC(),
            log,
            new TestVolumes(tmp).lifecycle(log),
            () -> {
              throw new AssertionError("init must not build the engine");
            });
    assertThat(Driver.run(new String[] {"init"}, world)).isEqualTo(DriverStatus.initialized());
  }

  @Test
  void unknownVerbsAreNotSupported() {
    assertThat(run("attach", "{}", "node")).isEqualTo(DriverStatus.notSupported());
    assertThat(run("getvolumename", "{}")).isEqualTo(DriverStatus.notSupported());
    assertThat(run()).isEqualTo(DriverStatus.notSupported());
    assertThat(engine.parsed).hasValue(0);
  }

  @Test
  void adoptLegacyIsTheInstallersVerbAndNeedsAnAbsoluteMountTable() throws Exception {
    assertThat(run("adopt-legacy"))
        .isInstanceOfSatisfying(
            DriverStatus.Failure.class,
            f -> assertThat(f.message()).contains("adopt-legacy needs exactly one argument"));
    // A kubelet-shaped argument (it never sends this verb) is refused and records nothing.
    assertThat(run("adopt-legacy", "{\"kubernetes.io/secret/clientsecret\":\"c2VjcmV0\"}"))
        .isInstanceOfSatisfying(
            DriverStatus.Failure.class,
            f ->
                assertThat(f.message())
                    .contains("needs the absolute path of the mount table")
                    .doesNotContain("c2VjcmV0"));
    Path dir = Files.createDirectories(dir());
    volumes.mounter.mountLegacy(dir, "0:57");
    Path table = volumes.mounter.writeMountInfo(tmp.resolve("mountinfo"));
    DriverStatus done = run("adopt-legacy", table.toString());
    assertThat(done.exitCode()).isZero();
    assertThat(done.toJson())
        .startsWith("{\"status\":\"Success\",\"message\":\"adopted 1 volume an earlier driver")
        .contains(dir.toString());
    assertThat(run("adopt-legacy", table.toString()).toJson())
        .contains("no new volume of an earlier driver to adopt; 1 adopted earlier");
    assertThat(log.lines).anyMatch(l -> l.startsWith("INFO adopt.done"));
    assertThat(engine.parsed).as("the engine is never built").hasValue(0);
  }

  @Test
  void mountWithWrongArityFails() {
    assertThat(run("mount", tmp.toString()))
        .isInstanceOfSatisfying(
            DriverStatus.Failure.class,
            f -> assertThat(f.message()).contains("mount needs exactly two arguments"));
  }

  @Test
  void mountWritesTheFiles() throws Exception {
    Path dir = Files.createDirectories(dir());
    assertThat(run("mount", dir.toString(), "{}")).isEqualTo(DriverStatus.success());
    assertThat(Files.readString(dir.resolve("db"))).isEqualTo("value-of-db");
    assertThat(volumes.mounter.mounted()).containsExactly(dir);
  }

  @Test
  void failuresBecomeRedactedFailureStatus() {
    engine.parseFailure =
        new RemoteException("denied while using " + Fixtures.CLIENT_SECRET + " on vault v");
    log.redactor().register(Fixtures.CLIENT_SECRET);
    DriverStatus status = run("mount", dir().toString(), "{}");
    assertThat(status).isEqualTo(DriverStatus.failure("denied while using **** on vault v"));
    assertThat(log.lines).anyMatch(l -> l.contains("verb.failed"));
  }

  @Test
  void unexpectedThrowablesGiveAGenericMessageAndLogTheDetail() {
    engine.parseFailure = new IllegalStateException("internal detail 42");
    DriverStatus status = run("mount", dir().toString(), "{}");
    assertThat(((DriverStatus.Failure) status).message())
        .contains("internal error during mount (IllegalStateException)")
        .doesNotContain("internal detail 42");
    assertThat(log.lines)
        .anyMatch(l -> l.contains("verb.crashed") && l.contains("internal detail 42"));
  }

  @Test
  void aFailedMultiObjectMountKeepsTheLogToItsLastLine() throws Exception {
    // One object fails at once; its siblings are cancelled (interrupted) while they wait, and
    // log their own failure with the interrupt pending. The log must still end with the result.
    FakeEngine four =
        new FakeEngine(
            Fixtures.request(
                List.of(
                    Fixtures.secret("a"),
                    Fixtures.secret("b"),
                    Fixtures.secret("c"),
                    Fixtures.secret("d")),
                Duration.ofSeconds(30)),
            List.of());
    four.behaviour.put(
        "a",
        r -> {
          throw new RemoteException("cannot fetch secret/a: token endpoint refused; fix: x");
        });
    for (String sibling : List.of("b", "c", "d")) {
      four.behaviour.put(
          sibling,
          r -> {
            try {
              Thread.sleep(30_000);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            throw new RemoteException("cannot fetch " + r.describe() + ": cancelled");
          });
    }
    Path file = tmp.resolve("kv-driver.log");
    io.kvflex.flexvolume.log.FileEventLog fileLog =
        new io.kvflex.flexvolume.log.FileEventLog(file, 1 << 20, 3, Clock.systemUTC(), 1);
    four.log = fileLog;
    Path dir = Files.createDirectories(dir());
    DriverWorld world =
        new DriverWorld(
            Map.of(), Clock.systemUTC(), fileLog, volumes.lifecycle(fileLog), () -> four);
    DriverStatus status = Driver.run(new String[] {"mount", dir.toString(), "{}"}, world);
    assertThat(status).isInstanceOf(DriverStatus.Failure.class);
    // The cancelled siblings log after the answer; give them the moment they need.
    Thread.sleep(200);
    fileLog.info("after", "n", 1);
    fileLog.close();
    List<String> lines = Files.readAllLines(file);
    assertThat(lines)
        .anyMatch(l -> l.contains("event=fetch.failed"))
        .anyMatch(l -> l.contains("event=verb.failed"))
        .anyMatch(l -> l.contains("event=verb.result") && l.contains("exit=1"))
        .anyMatch(l -> l.contains("event=after"));
  }

  @Test
  void aVolumeDirectoryThatIsNotAPathFailsClearly() {
    assertThat(run("unmount", "/var/lib/kubelet/pods/u/volumes/azure~kv/nul\0"))
        .isInstanceOfSatisfying(
            DriverStatus.Failure.class, f -> assertThat(f.message()).contains("not a valid path"));
  }

  @Test
  void unmountOfANonMountSucceedsAndRemovesTheEmptyDir() throws Exception {
    Path dir = Files.createDirectories(dir());
    assertThat(run("unmount", dir.toString())).isEqualTo(DriverStatus.success());
    assertThat(dir).doesNotExist();
    assertThat(run("unmount", dir.toString())).isEqualTo(DriverStatus.success());
    assertThat(volumes.mounter.calls).isEmpty();
  }

  /** Keeps formatted-enough lines in memory. */
  static final class RecordingLog implements EventLog {
    final List<String> lines = new CopyOnWriteArrayList<>();
    private final io.kvflex.flexvolume.log.Redactor redactor =
        new io.kvflex.flexvolume.log.Redactor();

    @Override
    public void log(Level level, String event, Object... fields) {
      StringBuilder b = new StringBuilder(level + " " + event);
      for (Object f : fields) {
        b.append(' ').append(f);
      }
      lines.add(redactor.redact(b.toString()));
    }

    @Override
    public io.kvflex.flexvolume.log.Redactor redactor() {
      return redactor;
    }
  }
}
