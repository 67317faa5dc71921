package io.kvflex.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.testsupport.ProcessRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deployment/installer/install.sh against a temporary plugin directory, with the plugin folder the
 * installer image carries, built without Docker: the driver's built folder (driver/target/plugin/
 * azure~kv) plus a runtime made by the image's own build-runtime.sh with jlink from the running JDK
 * and the recorded module list. A real jlink (not a symlink to the JDK) proves the module list is
 * enough to start the driver; it skips only the image's --strip-debug/--compress (size, not
 * behaviour) to stay at a few seconds.
 */
class InstallScriptIT {
  private static final String INIT_REPLY =
      "{\"status\":\"Success\",\"capabilities\":{\"attach\":false}}";
  private static final Path ROOT = ProcessRun.repoRoot();
  private static final Path INSTALLER = ROOT.resolve("deployment/installer");

  @TempDir static Path shared;
  private static Path source;

  @TempDir Path work;

  @BeforeAll
  static void buildPluginFolder() throws Exception {
    Path built = ROOT.resolve("driver/target/plugin/azure~kv");
    assertThat(built.resolve("kv")).as("the driver's plugin folder (mvn package)").isExecutable();
    source = shared.resolve("image/azure~kv");
    copyTree(built, source);
    ProcessRun jlink =
        ProcessRun.run(
            ROOT,
            Map.of(),
            List.of(
                "sh",
                INSTALLER.resolve("build-runtime.sh").toString(),
                source.resolve("lib").toString(),
                INSTALLER.resolve("runtime-modules.txt").toString(),
                source.resolve("runtime").toString()));
    assertThat(jlink.exitCode()).as(jlink.describe()).isZero();
    System.out.println(jlink.stdout().strip());
    // As the image does next: the driver's AppCDS archive, dumped again for this runtime.
    ProcessRun dump =
        ProcessRun.run(
            ROOT,
            Map.of(),
            List.of(
                "sh",
                source.resolve("lib/dump-archive.sh").toString(),
                source.resolve("runtime/bin/java").toString()),
            300);
    assertThat(dump.exitCode()).as(dump.describe()).isZero();
  }

  private ProcessRun install(Path source, Path target) throws Exception {
    return install(source, target, Map.of());
  }

  /**
   * install.sh as the DaemonSet runs it, but with this machine's mount table (the test's mount
   * namespace is the one its {@code kv} calls run in) and a private run directory.
   */
  private ProcessRun install(Path source, Path target, Map<String, String> extra) throws Exception {
    Map<String, String> env = new HashMap<>(driverEnv());
    env.put("TARGET_DIR", target.toString());
    env.put("KVFLEX_PLUGIN_SOURCE", source.toString());
    env.put("KVFLEX_INSTALL_SLEEP", "false");
    env.put("KVFLEX_HOST_MOUNTINFO", "/proc/self/mountinfo");
    env.putAll(extra);
    return ProcessRun.run(
        work, env, List.of("sh", INSTALLER.resolve("install.sh").toString()), 120);
  }

  /** The driver logs to /var/log/kv-driver.log and keeps state in /run/kvflex by default. */
  private Map<String, String> driverEnv() {
    return Map.of(
        "KVFLEX_LOG_FILE",
        work.resolve("kv-driver.log").toString(),
        "KVFLEX_RUN_DIR",
        work.resolve("run").toString());
  }

  private ProcessRun kv(Path target, String... args) throws Exception {
    List<String> argv = new ArrayList<>();
    argv.add(target.resolve("azure~kv/kv").toString());
    argv.addAll(List.of(args));
    return ProcessRun.run(work, driverEnv(), argv, 60);
  }

  private ProcessRun kvInit(Path target) throws Exception {
    return kv(target, "init");
  }

  @Test
  void installsFreshThenUpgradesAndTheKubeletCanRunKvInit() throws Exception {
    Path target = work.resolve("volumeplugins");
    Path otherDriver = target.resolve("other~driver/driver");
    Files.createDirectories(otherDriver.getParent());
    Files.writeString(otherDriver, "not ours");

    ProcessRun fresh = install(source, target);

    assertThat(fresh.exitCode()).as(fresh.describe()).isZero();
    assertThat(fresh.stdout())
        .containsPattern("kvflex-install: installed release-[0-9a-f]{12} \\(fresh install\\)")
        .contains("init -> " + INIT_REPLY)
        .containsPattern("installed size: \\d+ KiB");
    assertThat(fresh.stderr()).isEmpty();
    ProcessRun init = kvInit(target);
    assertThat(init.exitCode()).as(init.describe()).isZero();
    assertThat(init.stdout().strip()).isEqualTo(INIT_REPLY);
    assertThat(init.stderr()).isEmpty();
    List<String> releases = releases(target);
    assertThat(releases).hasSize(1);
    assertThat(target.resolve("azure~kv/" + releases.get(0) + "/runtime/bin/java")).isExecutable();
    assertThat(target.resolve("azure~kv/" + releases.get(0) + "/runtime/lib/server/classes.jsa"))
        .as("the class-data-sharing archive build-runtime.sh makes")
        .isRegularFile();

    assertInstalledArchiveMaps(target.resolve("azure~kv/" + releases.get(0)));

    ProcessRun again = install(source, target);
    assertThat(again.exitCode()).as(again.describe()).isZero();
    assertThat(again.stdout()).contains(releases.get(0) + " is already installed; nothing to do");
    assertThat(releases(target)).isEqualTo(releases);

    Path newer = work.resolve("newer/azure~kv");
    copyTree(source, newer);
    Files.writeString(newer.resolve("lib/NOTICE-upgrade.txt"), "a newer build");
    ProcessRun upgrade = install(newer, target);

    assertThat(upgrade.exitCode()).as(upgrade.describe()).isZero();
    assertThat(upgrade.stdout()).contains("(replaced " + releases.get(0) + ")");
    ProcessRun initAfter = kvInit(target);
    assertThat(initAfter.stdout().strip()).as(initAfter.describe()).isEqualTo(INIT_REPLY);
    // The previous release stays (a mount may be running from it); nothing else is touched.
    assertThat(releases(target)).hasSize(2).contains(releases.get(0));
    assertThat(Files.readString(otherDriver)).isEqualTo("not ours");
    assertThat(hiddenLeftovers(target)).isEmpty();
    System.out.println(
        upgrade.stdout().lines().filter(l -> l.contains("installed size")).findFirst().orElse(""));
  }

  @Test
  void replacesTheLegacyDriverAndKeepsItWhenTheNewOneIsBroken() throws Exception {
    Path target = work.resolve("plugins");
    Path legacy = target.resolve("azure~kv");
    Files.createDirectories(legacy);
    Files.writeString(legacy.resolve("kv"), "#!/bin/sh\necho legacy\n");
    legacy.resolve("kv").toFile().setExecutable(true);
    Files.writeString(legacy.resolve("azurekeyvault-flexvolume"), "legacy helper");

    Path broken = work.resolve("broken/azure~kv");
    Files.createDirectories(broken);
    Files.writeString(broken.resolve("kv"), "#!/bin/sh\necho 'Error: could not find java'\n");
    broken.resolve("kv").toFile().setExecutable(true);
    ProcessRun failed = install(broken, target);

    assertThat(failed.exitCode()).as(failed.describe()).isEqualTo(1);
    assertThat(failed.stdout())
        .contains("ERROR: ")
        .contains("init printed an unexpected reply: Error: could not find java");
    assertThat(Files.readString(legacy.resolve("kv"))).contains("echo legacy");
    assertThat(hiddenLeftovers(target)).isEmpty();

    ProcessRun upgrade = install(source, target);

    assertThat(upgrade.exitCode()).as(upgrade.describe()).isZero();
    assertThat(upgrade.stdout())
        .contains("(replaced a driver not installed by kvflex)")
        .contains("removed the legacy driver's helper azurekeyvault-flexvolume");
    assertThat(legacy.resolve("azurekeyvault-flexvolume")).doesNotExist();
    assertThat(kvInit(target).stdout().strip()).isEqualTo(INIT_REPLY);
  }

  /** A kubelet volume directory under this test's dir with a tmpfs as the legacy driver made it. */
  private Path legacyVolume(String uid, String name) throws Exception {
    Path dir =
        Files.createDirectories(work.resolve("kubelet/pods/" + uid + "/volumes/azure~kv/" + name));
    mount(dir);
    Files.writeString(dir.resolve("db-password"), "legacy");
    return dir;
  }

  private static void mount(Path dir) throws Exception {
    ProcessRun m =
        ProcessRun.run(
            dir.getParent(),
            Map.of(),
            List.of("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", dir.toString()),
            30);
    assertThat(m.exitCode()).as(m.describe()).isZero();
  }

  private static boolean mounted(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    String real = dir.toRealPath().toString().replace(" ", "\\040");
    return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
        .anyMatch(l -> l.split(" ")[4].equals(real));
  }

  private Path legacyDriver() throws Exception {
    Path target = work.resolve("plugins");
    Path legacy = Files.createDirectories(target.resolve("azure~kv"));
    Files.writeString(legacy.resolve("kv"), "#!/bin/sh\necho legacy\n");
    legacy.resolve("kv").toFile().setExecutable(true);
    Files.writeString(legacy.resolve("azurekeyvault-flexvolume"), "legacy helper");
    return target;
  }

  @Test
  void upgradingTheLegacyDriverAdoptsItsVolumesSoTheirUnmountWorks() throws Exception {
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
    Path target = legacyDriver();
    Path volume = legacyVolume("5d1c-pod", "secrets");
    Path later = Files.createDirectories(volume.resolveSibling("later"));
    try {
      ProcessRun upgrade = install(source, target);

      assertThat(upgrade.exitCode()).as(upgrade.describe()).isZero();
      String out = upgrade.stdout();
      assertThat(out)
          .contains("kvflex-install: adoption: {\"status\":\"Success\",\"message\":\"adopted ");
      assertThat(out.indexOf("adoption: "))
          .as("adopted before the switch")
          .isLessThan(out.indexOf("(replaced a driver not installed by kvflex)"));
      try (Stream<Path> records = Files.list(work.resolve("run/adopted"))) {
        assertThat(records).anyMatch(p -> p.toString().endsWith(".adopted"));
      }

      // After the switch: the kubelet's unmount of the legacy volume works, exactly once.
      mount(later);
      ProcessRun unmount = kv(target, "unmount", volume.toString());
      assertThat(unmount.stdout().strip())
          .as(unmount.describe())
          .isEqualTo("{\"status\":\"Success\"}");
      assertThat(mounted(volume)).isFalse();
      assertThat(volume).doesNotExist();
      ProcessRun refused = kv(target, "unmount", later.toString());
      assertThat(refused.stdout()).as(refused.describe()).contains("this one was not adopted");
      assertThat(mounted(later)).isTrue();
      assertThat(Files.readString(work.resolve("kv-driver.log"))).contains("event=unmount.adopted");
    } finally {
      for (Path p : List.of(later, volume)) {
        if (mounted(p)) {
          ProcessRun.run(work, Map.of(), List.of("umount", p.toString()), 30);
        }
      }
    }
  }

  @Test
  void aFailedAdoptionStopsTheInstallAndKeepsThePreviousDriver() throws Exception {
    Path target = legacyDriver();
    ProcessRun failed =
        install(
            source, target, Map.of("KVFLEX_HOST_MOUNTINFO", work.resolve("no-such").toString()));

    assertThat(failed.exitCode()).as(failed.describe()).isEqualTo(1);
    assertThat(failed.stdout())
        .contains("ERROR: cannot read the node's mount table " + work.resolve("no-such"))
        .contains("KVFLEX_ADOPT_LEGACY=false")
        .contains("the previous driver stays in place");
    assertThat(Files.readString(target.resolve("azure~kv/kv"))).contains("echo legacy");
    assertThat(hiddenLeftovers(target)).isEmpty();

    Path notATable = Files.writeString(work.resolve("not-a-table"), "hello\n");
    ProcessRun refused =
        install(source, target, Map.of("KVFLEX_HOST_MOUNTINFO", notATable.toString()));
    assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(1);
    assertThat(refused.stdout())
        .contains("adopt-legacy failed, the previous driver stays in place")
        .contains("is not a mount table");
    assertThat(Files.readString(target.resolve("azure~kv/kv"))).contains("echo legacy");
    assertThat(hiddenLeftovers(target)).isEmpty();

    ProcessRun fresh =
        install(
            source,
            work.resolve("fresh"),
            Map.of("KVFLEX_HOST_MOUNTINFO", work.resolve("no-such").toString()));
    assertThat(fresh.exitCode()).isEqualTo(1);
    assertThat(work.resolve("fresh/azure~kv")).doesNotExist();
    assertThat(hiddenLeftovers(work.resolve("fresh"))).isEmpty();
  }

  @Test
  void adoptionCanBeTurnedOffExplicitly() throws Exception {
    Path target = legacyDriver();
    ProcessRun wrong = install(source, target, Map.of("KVFLEX_ADOPT_LEGACY", "no"));
    assertThat(wrong.exitCode()).isEqualTo(1);
    assertThat(wrong.stdout())
        .contains("KVFLEX_ADOPT_LEGACY is 'no': set it to true (default) or false");

    ProcessRun off =
        install(
            source,
            target,
            Map.of(
                "KVFLEX_ADOPT_LEGACY",
                "false",
                "KVFLEX_HOST_MOUNTINFO",
                work.resolve("no-such").toString()));
    assertThat(off.exitCode()).as(off.describe()).isZero();
    assertThat(off.stdout())
        .contains("adoption of legacy volumes skipped (KVFLEX_ADOPT_LEGACY=false)")
        .contains("(replaced a driver not installed by kvflex)");
    assertThat(work.resolve("run/adopted")).doesNotExist();
  }

  @Test
  void refusesToRunWithoutTargetDir() throws Exception {
    ProcessRun run =
        ProcessRun.run(
            work,
            Map.of("KVFLEX_PLUGIN_SOURCE", source.toString(), "KVFLEX_INSTALL_SLEEP", "false"),
            List.of("env", "-u", "TARGET_DIR", "sh", INSTALLER.resolve("install.sh").toString()),
            60);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdout())
        .contains(
            "ERROR: TARGET_DIR is not set: set it to the kubelet's FlexVolume plugin directory");
  }

  /**
   * The archive dumped in the image still maps where the release was installed: the launcher's JVM
   * invocation shape (started in the release dir, the relative class path of lib/classpath) with
   * the bundled runtime and -Xshare:on, which fails start-up when the archive does not match
   * (another path, a jar copied without its timestamp, another runtime).
   */
  private void assertInstalledArchiveMaps(Path release) throws Exception {
    assertThat(release.resolve("lib/kv.jsa")).isRegularFile();
    String classpath = Files.readString(release.resolve("lib/classpath")).strip();
    ProcessRun run =
        ProcessRun.run(
            release,
            Map.of("KVFLEX_LOG_FILE", work.resolve("kv-driver.log").toString()),
            List.of(
                release.resolve("runtime/bin/java").toString(),
                "-Xshare:on",
                "-XX:SharedArchiveFile=lib/kv.jsa",
                "-Xlog:class+load=info",
                "-cp",
                classpath,
                "io.kvflex.flexvolume.Main",
                "init"),
            60);
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout())
        .contains("io.kvflex.flexvolume.Main source: shared objects file")
        .contains(INIT_REPLY);
  }

  private static List<String> releases(Path target) throws IOException {
    try (Stream<Path> s = Files.list(target.resolve("azure~kv"))) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("release-"))
          .sorted()
          .toList();
    }
  }

  private static List<Path> hiddenLeftovers(Path target) throws IOException {
    try (Stream<Path> s = Files.walk(target, 2)) {
      return s.filter(p -> p.getFileName().toString().startsWith(".")).toList();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
