package io.kvflex.flexvolume.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.mount.MountTable;
import io.kvflex.mount.VolumeMarker;
import io.kvflex.testsupport.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Complete or absent, through the BUILT {@code kv} as root on real tmpfs: the driver killed (kill
 * -9) at each named step and at random instants, concurrent mounts of one target, and unmount
 * confined to the driver's own volumes. "The kubelet" here behaves like the real one: it skips
 * {@code mount} when the target is already a mount point.
 */
class LifecycleIT extends LocalVaultMountTest {
  static final int FILES = 12;

  /** One secret written to {@value #FILES} files: a volume with many files, fetched once. */
  static Map<String, String> manyFiles() {
    List<String> names = new ArrayList<>();
    List<String> types = new ArrayList<>();
    List<String> aliases = new ArrayList<>();
    for (int i = 1; i <= FILES; i++) {
      names.add("db-password");
      types.add("secret");
      aliases.add(String.format("conf/f%02d", i));
    }
    return Map.of(
        "keyvaultobjectnames", String.join(";", names),
        "keyvaultobjecttypes", String.join(";", types),
        "keyvaultobjectaliases", String.join(";", aliases));
  }

  Map<String, String> envCrashingAt(String step) {
    Map<String, String> env = new HashMap<>(lv.env());
    env.put("KVFLEX_TEST_CRASH_AT", step);
    return env;
  }

  String optionsJson() throws Exception {
    return Json.write(lv.options(manyFiles()));
  }

  /** What the real kubelet does: no driver call when the target is already a mount point. */
  void kubeletMounts() throws Exception {
    if (!isMountPoint(dir)) {
      KvRun run = KvRun.run(KvRun.kv(), lv.env(), "mount", dir.toString(), optionsJson());
      outputs.add(run.output);
      assertThat(run.json).as(run.output).containsEntry("status", "Success");
    }
  }

  /** True when complete: every file with the secret, the marker, one layer of ours. */
  boolean complete() throws Exception {
    List<MountTable.Entry> stack = stack(dir);
    if (stack.size() != 1 || !VolumeMarker.isOurs(stack.get(0))) {
      return false;
    }
    for (int i = 1; i <= FILES; i++) {
      Path f = dir.resolve(String.format("conf/f%02d", i));
      if (!Files.isRegularFile(f)
          || !Files.readString(f, StandardCharsets.UTF_8).startsWith(LocalVaultFixture.SENTINEL)) {
        return false;
      }
    }
    return Files.isRegularFile(dir.resolve(VolumeMarker.FILE));
  }

  /** Complete, or not a mount point and empty: never anything in between. */
  void assertCompleteOrAbsent(String when) throws Exception {
    if (isMountPoint(dir)) {
      assertThat(complete()).as(when + ": a mounted volume must be complete").isTrue();
    } else if (Files.exists(dir)) {
      try (var entries = Files.list(dir)) {
        assertThat(entries).as(when + ": an unmounted volume dir must be empty").isEmpty();
      }
    }
  }

  /** After an unmount: nothing mounted here or in the run dir, no staging directory left. */
  void assertNothingLeftAnywhere(String when) throws Exception {
    assertThat(isMountPoint(dir)).as(when + ": target mounted").isFalse();
    assertThat(mountsUnder(shared.resolve("run"))).as(when + ": run dir mounts").isEmpty();
    Path staging = shared.resolve("run/staging");
    if (Files.isDirectory(staging)) {
      try (var entries = Files.list(staging)) {
        assertThat(entries).as(when + ": staging directories").isEmpty();
      }
    }
  }

  KvRun unmountOk() throws Exception {
    KvRun run = unmount();
    assertThat(run.json).as(run.output).containsEntry("status", "Success");
    return run;
  }

  @Test
  void killedAtEachStepTheVolumeIsCompleteOrAbsentAndTheNextPodStartWorks() throws Exception {
    String[] steps = {
      "locked",
      "staging-mounted",
      "file-written-1",
      "file-written-" + (FILES / 2),
      "marker-written",
      "bound",
      "staging-unmounted"
    };
    for (String step : steps) {
      Files.createDirectories(dir);
      KvRun killed =
          KvRun.run(KvRun.kv(), envCrashingAt(step), "mount", dir.toString(), optionsJson());
      outputs.add(killed.output);
      assertThat(killed.status()).as(step).isEqualTo("Failure");
      assertThat(killed.message())
          .as(step)
          .contains("killed by signal 9")
          .contains("left complete or not mounted at all");
      boolean boundBeforeDeath = step.equals("bound") || step.equals("staging-unmounted");
      assertThat(isMountPoint(dir))
          .as(step + ": mounted after the kill")
          .isEqualTo(boundBeforeDeath);
      assertCompleteOrAbsent(step);
      kubeletMounts();
      assertThat(complete()).as(step + ": complete after the kubelet's retry").isTrue();
      unmountOk();
      assertNothingLeftAnywhere(step);
      assertThat(dir).doesNotExist();
    }
  }

  @Test
  void killedAtRandomInstantsTheVolumeIsCompleteOrAbsent() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    for (int round = 1; round <= 6; round++) {
      String when = "round " + round + " (seed " + seed + ")";
      Files.createDirectories(dir);
      Process kv = KvRun.start(KvRun.kv(), lv.env(), "mount", dir.toString(), optionsJson());
      Thread.sleep(random.nextInt(3000));
      // kill -9 of the launcher, the JVM and any mount tool they run, as a node under pressure.
      List<ProcessHandle> all = new ArrayList<>(kv.descendants().toList());
      all.add(kv.toHandle());
      all.forEach(ProcessHandle::destroyForcibly);
      for (ProcessHandle h : all) {
        h.onExit().get(60, TimeUnit.SECONDS);
      }
      // Orphaned mount tools, if any, finish their one atomic call.
      for (ProcessHandle h : kv.toHandle().descendants().toList()) {
        h.onExit().get(60, TimeUnit.SECONDS);
      }
      assertCompleteOrAbsent(when);
      kubeletMounts();
      assertThat(complete()).as(when + ": complete after the kubelet's retry").isTrue();
      unmountOk();
      assertNothingLeftAnywhere(when);
    }
  }

  @Test
  void fourConcurrentMountsOfOneTargetLeaveOneLayerAndACleanUnmount() throws Exception {
    String json = optionsJson();
    List<CompletableFuture<KvRun>> runs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      runs.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return KvRun.run(KvRun.kv(), lv.env(), "mount", dir.toString(), json);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }));
    }
    for (CompletableFuture<KvRun> f : runs) {
      KvRun run = f.get(5, TimeUnit.MINUTES);
      outputs.add(run.output);
      assertThat(run.json).as(run.output).containsEntry("status", "Success");
    }
    assertThat(stack(dir)).hasSize(1);
    assertThat(complete()).isTrue();
    unmountOk();
    assertNothingLeftAnywhere("after the unmount");
    assertThat(dir).doesNotExist();
  }

  @Test
  void anUnmountKilledBetweenLayersFinishesOnTheNextCall() throws Exception {
    // Two stacked layers of this driver's tmpfs (an older driver could stack them).
    for (int i = 0; i < 2; i++) {
      assertThat(
              new ProcessBuilder("mount", "-t", "tmpfs", "kvflex-0000000000000000", dir.toString())
                  .start()
                  .waitFor())
          .isZero();
    }
    KvRun killed =
        KvRun.run(KvRun.kv(), envCrashingAt("layer-unmounted"), "unmount", dir.toString());
    outputs.add(killed.output);
    assertThat(killed.message()).contains("killed by signal 9");
    assertThat(stack(dir)).hasSize(1);
    unmountOk();
    assertThat(isMountPoint(dir)).isFalse();
    assertThat(dir).doesNotExist();
  }

  @Test
  void aMountedCompleteVolumeIsVerifiedAndADamagedOneRepaired() throws Exception {
    kubeletMounts();
    String before = KvRun.read(lv.log);
    // Called directly on a mounted target (the real kubelet would not): verified, not fetched.
    KvRun again = KvRun.run(KvRun.kv(), lv.env(), "mount", dir.toString(), optionsJson());
    outputs.add(again.output);
    assertThat(again.status()).isEqualTo("Success");
    assertThat(KvRun.read(lv.log).substring(before.length()))
        .contains("event=mount.verified")
        .doesNotContain("event=fetch.done");
    Path data = dir.resolve(Files.readSymbolicLink(dir.resolve("..data")));
    Files.delete(data.resolve("conf/f07"));
    KvRun repaired = KvRun.run(KvRun.kv(), lv.env(), "mount", dir.toString(), optionsJson());
    outputs.add(repaired.output);
    assertThat(repaired.status()).isEqualTo("Success");
    assertThat(KvRun.read(lv.log)).contains("event=mount.repair");
    assertThat(complete()).isTrue();
    unmountOk();
  }

  @Test
  void unmountRefusesARegularFileASymlinkAndForeignMounts() throws Exception {
    Path volumes = dir.getParent();
    Path foreignDir = Files.createDirectory(tmp.resolve("foreign"));
    mountTmpfs("foreign-tmpfs", foreignDir);
    Files.writeString(foreignDir.resolve("data"), "keep");
    try {
      Path file = Files.writeString(volumes.resolve("a-file"), "keep");
      KvRun onFile = KvRun.run(KvRun.kv(), lv.env(), "unmount", file.toString());
      outputs.add(onFile.output);
      assertThat(onFile.message()).contains("is not a directory");
      assertThat(file).hasContent("keep");

      Path link = Files.createSymbolicLink(volumes.resolve("a-link"), foreignDir);
      KvRun onLink = KvRun.run(KvRun.kv(), lv.env(), "unmount", link.toString());
      outputs.add(onLink.output);
      assertThat(onLink.message()).contains("is a symbolic link");
      assertThat(Files.isSymbolicLink(link)).isTrue();
      assertThat(isMountPoint(foreignDir)).isTrue();

      mountTmpfs("tmpfs", dir);
      KvRun onForeign = KvRun.run(KvRun.kv(), lv.env(), "unmount", dir.toString());
      outputs.add(onForeign.output);
      assertThat(onForeign.status()).isEqualTo("Failure");
      assertThat(onForeign.message()).contains("not a kvflex volume (tmpfs from \"tmpfs\")");
      assertThat(isMountPoint(dir)).isTrue();

      KvRun outside = KvRun.run(KvRun.kv(), lv.env(), "unmount", foreignDir.toString());
      outputs.add(outside.output);
      assertThat(outside.message()).contains("not a kubelet volume directory");
      assertThat(foreignDir.resolve("data")).hasContent("keep");
    } finally {
      for (Path p : mountsUnder(tmp)) {
        new ProcessBuilder("umount", p.toString()).start().waitFor();
      }
    }
  }
}
