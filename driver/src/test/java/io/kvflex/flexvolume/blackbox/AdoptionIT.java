package io.kvflex.flexvolume.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.testsupport.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Volumes the legacy driver mounted (a plain tmpfs named {@code tmpfs}), through the BUILT {@code
 * kv} as root on real tmpfs: refused by {@code unmount} until the installer's {@code kv
 * adopt-legacy} recorded them, then unmounted exactly; one mounted after the adoption stays
 * refused; a kill -9 while recording or while unmounting leaves a state the next call finishes.
 */
class AdoptionIT extends LocalVaultMountTest {

  /** What the legacy driver did: {@code mount -t tmpfs tmpfs <dir>}, then wrote the files. */
  void legacyMount(Path volume) throws Exception {
    Files.createDirectories(volume);
    mountTmpfs("tmpfs", volume);
    Files.writeString(volume.resolve("db-password"), "legacy");
  }

  /**
   * This test's part of the real mount table (the real IDs and devices, only the lines of mounts
   * under its temp dir, so other mounts of the machine do not enter its records).
   */
  Path mountTableOfThisTest() throws Exception {
    String prefix = tmp.toRealPath().toString().replace(" ", "\\040");
    List<String> lines;
    try (Stream<String> all = Files.lines(Path.of("/proc/self/mountinfo"))) {
      lines = all.filter(l -> l.split(" ")[4].startsWith(prefix + "/")).toList();
    }
    return Files.write(tmp.resolve("mountinfo"), lines);
  }

  /** The class's environment with this test's own run directory (its records stay its own). */
  Map<String, String> env() {
    Map<String, String> env = new HashMap<>(lv.env());
    env.put("KVFLEX_RUN_DIR", tmp.resolve("run").toString());
    return env;
  }

  @Override
  KvRun unmount() throws Exception {
    return kv(env(), "unmount", dir.toString());
  }

  KvRun kv(Map<String, String> env, String... args) throws Exception {
    KvRun run = KvRun.run(KvRun.kv(), env, args);
    outputs.add(run.output);
    return run;
  }

  KvRun adopt() throws Exception {
    return kv(env(), "adopt-legacy", mountTableOfThisTest().toString());
  }

  Map<String, String> envCrashingAt(String step) {
    Map<String, String> env = env();
    env.put("KVFLEX_TEST_CRASH_AT", step);
    return env;
  }

  List<String> runDirAdopted() throws Exception {
    Path adopted = tmp.resolve("run/adopted");
    if (!Files.isDirectory(adopted)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(adopted)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aLegacyVolumeIsRefusedUntilAdoptedThenUnmountedExactly() throws Exception {
    legacyMount(dir);
    KvRun before = unmount();
    assertThat(before.status()).isEqualTo("Failure");
    assertThat(before.message())
        .contains("not a kvflex volume (tmpfs from \"tmpfs\")")
        .contains("this one was not adopted");
    assertThat(isMountPoint(dir)).isTrue();

    KvRun adopted = adopt();
    assertThat(adopted.json).as(adopted.output).containsEntry("status", "Success");
    assertThat(adopted.exitCode).isZero();
    assertThat(adopted.message())
        .startsWith("adopted 1 volume an earlier driver mounted")
        .contains(dir.toRealPath().toString());
    assertThat(runDirAdopted()).singleElement().asString().endsWith(".adopted");

    KvRun after = unmount();
    assertThat(after.json).as(after.output).containsEntry("status", "Success");
    assertThat(isMountPoint(dir)).isFalse();
    assertThat(dir).doesNotExist();
    assertThat(runDirAdopted()).as("the record is deleted with its mount").isEmpty();
    assertThat(KvRun.read(lv.log))
        .contains("event=adopt.recorded")
        .contains("event=unmount.adopted");
  }

  @Test
  void aTmpfsMountedAfterTheAdoptionIsNeverUnmounted() throws Exception {
    legacyMount(dir);
    assertThat(adopt().status()).isEqualTo("Success");
    Path later = Files.createDirectories(dir.resolveSibling("later"));
    legacyMount(later);
    KvRun onLater = kv(env(), "unmount", later.toString());
    assertThat(onLater.status()).isEqualTo("Failure");
    assertThat(onLater.message()).contains("this one was not adopted");
    assertThat(isMountPoint(later)).isTrue();
    assertThat(later.resolve("db-password")).hasContent("legacy");

    // Over the adopted one, at its own directory: refused, and both layers stay.
    legacyMount(dir);
    KvRun stacked = unmount();
    assertThat(stacked.status()).isEqualTo("Failure");
    assertThat(stack(dir)).hasSize(2);
    new ProcessBuilder("umount", dir.toString()).start().waitFor();
    assertThat(unmount().status()).isEqualTo("Success");
    assertThat(isMountPoint(dir)).isFalse();
  }

  @Test
  void theNodesWholeMountTableWorksAsTheInstallerGivesIt() throws Exception {
    legacyMount(dir);
    KvRun adopted = kv(env(), "adopt-legacy", "/proc/self/mountinfo");
    assertThat(adopted.json).as(adopted.output).containsEntry("status", "Success");
    assertThat(unmount().status()).isEqualTo("Success");
    assertThat(isMountPoint(dir)).isFalse();

    KvRun relative = kv(env(), "adopt-legacy", "proc/self/mountinfo");
    assertThat(relative.message()).contains("needs the absolute path of the mount table");
    KvRun notATable = kv(env(), "adopt-legacy", lv.log.toString());
    assertThat(notATable.message()).contains("is not a mount table");
  }

  @Test
  void killedWhileWritingARecordLeavesNoRecordAndTheNextRunWritesIt() throws Exception {
    legacyMount(dir);
    KvRun killed =
        kv(envCrashingAt("adoption-written"), "adopt-legacy", mountTableOfThisTest().toString());
    assertThat(killed.status()).isEqualTo("Failure");
    assertThat(killed.message()).contains("killed by signal 9");
    assertThat(runDirAdopted()).singleElement().asString().startsWith(".tmp-");
    assertThat(unmount().message()).as("a temporary file adopts nothing").contains("not adopted");

    assertThat(adopt().message()).startsWith("adopted 1 volume");
    assertThat(runDirAdopted()).singleElement().asString().endsWith(".adopted");
    assertThat(unmount().status()).isEqualTo("Success");
    assertThat(runDirAdopted()).isEmpty();
  }

  @Test
  void killedBetweenTheUnmountAndTheRecordsDeletionTheKubeletsRetryFinishes() throws Exception {
    legacyMount(dir);
    assertThat(adopt().status()).isEqualTo("Success");
    KvRun killed = kv(envCrashingAt("adopted-unmounted"), "unmount", dir.toString());
    assertThat(killed.message()).contains("killed by signal 9");
    assertThat(isMountPoint(dir)).isFalse();
    assertThat(runDirAdopted()).as("the record of a mount that is gone").hasSize(1);

    KvRun retry = unmount();
    assertThat(retry.status()).isEqualTo("Success");
    assertThat(runDirAdopted()).isEmpty();
    assertThat(KvRun.read(lv.log)).contains("event=adoption.pruned");
    assertThat(dir).doesNotExist();
  }

  @Test
  void mountOnAnAdoptedVolumeIsRefusedAndLeavesItAsItIs() throws Exception {
    legacyMount(dir);
    assertThat(adopt().status()).isEqualTo("Success");
    Map<String, String> options =
        lv.options(Map.of("keyvaultobjectnames", "db-password", "keyvaultobjecttypes", "secret"));
    KvRun mount = kv(env(), "mount", dir.toString(), Json.write(options));
    assertThat(mount.status()).isEqualTo("Failure");
    assertThat(mount.message())
        .contains("holds a volume an earlier driver mounted")
        .contains("delete or restart the pod");
    assertThat(stack(dir))
        .singleElement()
        .satisfies(e -> assertThat(e.source()).isEqualTo("tmpfs"));
    assertThat(dir.resolve("db-password")).hasContent("legacy");
    assertThat(unmount().status()).isEqualTo("Success");
  }
}
