package io.kvflex.mount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvflex.errors.UserInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adoption run over a mount table file: what it records, keeps, skips and prunes. */
class LegacyAdoptionTest {
  static final String K = "/var/lib/kubelet/pods/";
  static final String A = K + "uid-a/volumes/azure~kv/secrets";
  static final String B = K + "uid-b/volumes/azure~kv/secrets";
  static final String ROOT = "22 1 8:1 / / rw shared:1 - ext4 /dev/sda1 rw";

  @TempDir Path tmp;
  Path table;
  RunDir runDir;
  VolumeLocks locks;
  AdoptedVolumes store;
  LegacyAdoption adoption;
  final List<String> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void node() {
    table = tmp.resolve("mountinfo");
    runDir = new RunDir(tmp.resolve("run"));
    locks = new VolumeLocks(runDir, Clock.systemUTC());
    MountEvents recording = AdoptedVolumesTest.recording(events);
    store = new AdoptedVolumes(runDir, CrashPoints.NONE, recording);
    adoption = new LegacyAdoption(store, locks, recording);
  }

  static String line(int id, String device, String mountPoint, String fsType, String source) {
    return id
        + " 22 "
        + device
        + " / "
        + mountPoint
        + " rw,relatime shared:"
        + id
        + " - "
        + fsType
        + " "
        + source
        + " rw";
  }

  void table(String... lines) throws Exception {
    Files.writeString(table, ROOT + "\n" + String.join("\n", lines) + "\n");
  }

  LegacyAdoption.Result run() {
    Instant now = Instant.now();
    return adoption.run(new MountTable(table), now, now.plusSeconds(60));
  }

  @Test
  void recordsEveryLegacyVolumeAndNothingElse() throws Exception {
    table(
        line(40, "0:57", A, "tmpfs", "tmpfs"),
        line(41, "0:58", B, "tmpfs", "kvflex-0123456789abcdef"),
        line(42, "0:59", K + "uid-c/volumes/azure~kv/x", "tmpfs", "none"),
        line(43, "0:60", K + "uid-c/volumes/kubernetes.io~empty-dir/cache", "tmpfs", "tmpfs"),
        line(44, "0:61", "/dev/shm", "tmpfs", "tmpfs"));
    LegacyAdoption.Result r = run();
    assertThat(r.adopted()).containsExactly(A);
    assertThat(r.kept()).isZero();
    assertThat(store.all())
        .singleElement()
        .satisfies(
            rec -> {
              assertThat(rec.mountId()).isEqualTo(40);
              assertThat(rec.device()).isEqualTo("0:57");
              assertThat(rec.mountPoint()).isEqualTo(A);
              assertThat(rec.podUid()).isEqualTo("uid-a");
              assertThat(rec.volumeName()).isEqualTo("secrets");
            });
    assertThat(events)
        .anyMatch(e -> e.startsWith("adopt.recorded [dir, " + A))
        .anyMatch(e -> e.startsWith("adopt.skipped") && e.contains("uid-c/volumes/azure~kv/x"))
        .noneMatch(e -> e.contains(B))
        .noneMatch(e -> e.contains("/dev/shm"));
  }

  @Test
  void aSecondRunKeepsTheRecordsAndPrunesThoseWhoseMountIsGone() throws Exception {
    table(line(40, "0:57", A, "tmpfs", "tmpfs"), line(50, "0:70", B, "tmpfs", "tmpfs"));
    assertThat(run().adopted()).containsExactly(A, B);
    table(line(40, "0:57", A, "tmpfs", "tmpfs"));
    LegacyAdoption.Result again = run();
    assertThat(again.adopted()).isEmpty();
    assertThat(again.kept()).isEqualTo(1);
    assertThat(again.pruned()).isEqualTo(1);
    assertThat(store.all()).extracting(AdoptionRecord::mountPoint).containsExactly(A);
  }

  @Test
  void theSameDirectoryMountedAgainIsANewMountWithANewRecordAndTheOldOnePruned() throws Exception {
    table(line(40, "0:57", A, "tmpfs", "tmpfs"));
    run();
    table(line(40, "0:58", A, "tmpfs", "tmpfs"));
    LegacyAdoption.Result r = run();
    assertThat(r.adopted()).containsExactly(A);
    assertThat(r.pruned()).isEqualTo(1);
    assertThat(store.all()).extracting(AdoptionRecord::device).containsExactly("0:58");
  }

  @Test
  void theTableIsReadOnceAMountThatAppearsLaterIsNeverAdopted() throws Exception {
    table(line(40, "0:57", A, "tmpfs", "tmpfs"));
    LegacyAdoption.Result r =
        runChangingTheTableMeanwhile(
            line(40, "0:57", A, "tmpfs", "tmpfs"), line(50, "0:70", B, "tmpfs", "tmpfs"));
    assertThat(r.adopted()).containsExactly(A);
    assertThat(store.all()).extracting(AdoptionRecord::mountPoint).containsExactly(A);
  }

  @Test
  void aMountUnmountedWhileTheRunWaitsIsNotRecorded() throws Exception {
    table(line(40, "0:57", A, "tmpfs", "tmpfs"));
    assertThat(runChangingTheTableMeanwhile().adopted()).isEmpty();
    assertThat(store.all()).isEmpty();
    assertThat(events).anyMatch(e -> e.startsWith("adopt.skipped") && e.contains("meanwhile"));
  }

  @Test
  void concurrentRunsSerialiseAndLeaveCompleteRecordsOnly() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      lines.add(
          line(
              100 + i, "0:" + (100 + i), K + "uid-" + i + "/volumes/azure~kv/v", "tmpfs", "tmpfs"));
    }
    table(lines.toArray(String[]::new));
    List<CompletableFuture<LegacyAdoption.Result>> runs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      runs.add(CompletableFuture.supplyAsync(this::run));
    }
    int adopted = 0;
    for (CompletableFuture<LegacyAdoption.Result> f : runs) {
      adopted += f.get(60, TimeUnit.SECONDS).adopted().size();
    }
    assertThat(adopted).as("each mount recorded by exactly one run").isEqualTo(20);
    assertThat(store.all()).hasSize(20);
    try (var files = Files.list(runDir.adopted())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .hasSize(20)
          .allMatch(n -> n.endsWith(".adopted"));
    }
  }

  @Test
  void aTableThatCannotBeReadOrIsNoMountTableIsTheCallersMistake() throws Exception {
    assertThatThrownBy(this::run)
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("cannot read the mount table " + table)
        .hasMessageContaining("/proc/1/mountinfo");
    Files.writeString(table, "{\"kubernetes.io/fsType\":\"\"}\n");
    assertThatThrownBy(this::run)
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining(table + " is not a mount table");
    assertThat(store.all()).isEmpty();
  }

  /**
   * A run that took its one reading of the table while this test held A's volume lock; the table is
   * then changed to {@code lines} before the lock is released.
   */
  LegacyAdoption.Result runChangingTheTableMeanwhile(String... lines) throws Exception {
    CompletableFuture<LegacyAdoption.Result> running;
    try (VolumeLocks.Held held = locks.acquire("uid-a/secrets", Instant.now().plusSeconds(60), A)) {
      running = CompletableFuture.supplyAsync(this::run);
      waitUntilBlockedOnTheVolumeLock();
      table(lines);
    }
    return running.get(60, TimeUnit.SECONDS);
  }

  /** The adoption thread is parked waiting (for the lock this test holds). */
  private void waitUntilBlockedOnTheVolumeLock() throws Exception {
    for (int i = 0; i < 600; i++) {
      boolean waiting =
          Thread.getAllStackTraces().entrySet().stream()
              .anyMatch(
                  e ->
                      e.getKey().getState() != Thread.State.RUNNABLE
                          && List.of(e.getValue()).stream()
                              .anyMatch(f -> f.getMethodName().equals("acquire"))
                          && List.of(e.getValue()).stream()
                              .anyMatch(f -> f.getMethodName().equals("adopt")));
      if (waiting) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the adoption never waited for the volume lock");
  }
}
