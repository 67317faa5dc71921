package io.kvflex.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.kvctl.cli.ExitCodes;
import io.kvflex.testsupport.ProcessRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root {@code ./kvctl} launcher, run as a user runs it. Each test gets its own checkout-shaped
 * directory: a copy of the launcher and the root pom, the real built {@code kvctl-cli/target}
 * (symlinked, so nothing is rebuilt), a driver plugin folder, and a stand-in {@code mvn} on PATH
 * that records its arguments, so the build logic is observable without a nested Maven build.
 */
class LauncherIT {
  private static final Path ROOT = ProcessRun.repoRoot();

  @TempDir Path tmp;
  private Path repo;
  private Path bin;
  private Path mvnLog;

  @BeforeEach
  void checkout() throws IOException {
    repo = tmp.resolve("kvflex");
    Files.createDirectories(repo.resolve("kvctl-cli"));
    Files.createDirectories(repo.resolve("driver/target"));
    Files.copy(ROOT.resolve("kvctl"), repo.resolve("kvctl"));
    Files.copy(ROOT.resolve("pom.xml"), repo.resolve("pom.xml"));
    Files.setLastModifiedTime(
        repo.resolve("pom.xml"), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
    Files.createSymbolicLink(repo.resolve("kvctl-cli/target"), ROOT.resolve("kvctl-cli/target"));
    // The launcher only checks that the driver's plugin folder was built (kvctl demo runs it).
    Path kv = repo.resolve("driver/target/plugin/azure~kv/kv");
    Files.createDirectories(kv.getParent());
    Files.writeString(kv, "#!/bin/sh\n");
    Files.setPosixFilePermissions(kv, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createSymbolicLink(repo.resolve("deployment"), ROOT.resolve("deployment"));
    bin = tmp.resolve("bin");
    Files.createDirectories(bin);
    mvnLog = tmp.resolve("mvn-calls.txt");
    fakeMvn("echo \"$PWD: $*\" >> " + mvnLog + "\nexit 0\n");
  }

  private void fakeMvn(String body) throws IOException {
    Path mvn = bin.resolve("mvn");
    Files.writeString(mvn, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private ProcessRun kvctl(Map<String, String> extraEnv, String... args) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", bin + ":" + System.getenv("PATH"));
    env.putAll(extraEnv);
    List<String> cmd = new java.util.ArrayList<>(List.of(repo.resolve("kvctl").toString()));
    cmd.addAll(List.of(args));
    // From an unrelated working directory: the launcher must not depend on it.
    return ProcessRun.run(tmp, env, cmd, 120);
  }

  private String mvnCalls() throws IOException {
    return Files.exists(mvnLog) ? Files.readString(mvnLog) : "";
  }

  @Test
  void buildsOnFirstUseThenRunsWithoutBuilding() throws Exception {
    ProcessRun first = kvctl(Map.of(), "--version");

    assertThat(first.exitCode()).as(first.describe()).isZero();
    assertThat(first.stderr())
        .isEqualTo(
            "building kvctl (first run, about a minute; log: "
                + repo.toRealPath()
                + "/.kvctl-build/build.log)…\n");
    assertThat(first.stdout()).startsWith("kvctl ");
    assertThat(mvnCalls())
        .isEqualTo(
            repo.toRealPath()
                + ": -B -ntp -DskipTests -DskipErrorProne -Dkvflex.cds.skip=true -pl kvctl-cli -am package\n");

    ProcessRun second = kvctl(Map.of(), "--version");

    assertThat(second.exitCode()).isZero();
    assertThat(second.stderr()).isEmpty();
    assertThat(mvnCalls().lines()).hasSize(1);
  }

  @Test
  void rebuildsWhenASourceIsNewerThanTheBuild() throws Exception {
    assertThat(kvctl(Map.of(), "--version").exitCode()).isZero();
    Path source = repo.resolve("driver/src/main/java/io/kvflex/New.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, "class New {}");
    Files.setLastModifiedTime(source, FileTime.from(Instant.now().plusSeconds(5)));

    ProcessRun run = kvctl(Map.of(), "--version");

    assertThat(run.exitCode()).isZero();
    assertThat(run.stderr()).startsWith("building kvctl (sources changed; log: ");
    assertThat(mvnCalls().lines()).hasSize(2);
  }

  @Test
  void aFailedBuildShowsTheEndOfTheLogAndExitsWithTheLaunchersCode() throws Exception {
    fakeMvn("echo '[ERROR] COMPILATION ERROR: Foo.java:[3,1] ; expected'\nexit 1\n");

    ProcessRun run = kvctl(Map.of(), "--version");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.LAUNCHER);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderr())
        .startsWith("building kvctl (first run, about a minute; log: ")
        .contains("[ERROR] COMPILATION ERROR: Foo.java:[3,1] ; expected")
        .contains(
            "kvctl: the build failed; full log: " + repo.toRealPath() + "/.kvctl-build/build.log");
  }

  @Test
  void theBuildShowsWhichModuleItIsAt() throws Exception {
    fakeMvn(
        "echo '[INFO] Building kvflex parent 0.1.0-SNAPSHOT                      [1/4]'\n"
            + "echo '[INFO] --- compiler:3.14.0:compile (default-compile) @ kvflex-driver ---'\n"
            + "echo '[INFO] Building kvflex driver 0.1.0-SNAPSHOT                      [2/4]'\n"
            + "exit 0\n");

    ProcessRun run = kvctl(Map.of(), "--version");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    // Not a terminal: one plain line per module (a terminal gets one line redrawn in place).
    assertThat(run.stderr()).endsWith(")…\n  [1/4] kvflex parent\n  [2/4] kvflex driver\n");
  }

  @Test
  void noBuildModeRefusesAStaleBuild() throws Exception {
    ProcessRun run = kvctl(Map.of("KVCTL_NO_BUILD", "1"), "--version");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.LAUNCHER);
    assertThat(run.stderr()).contains("kvctl is not built or is out of date, and KVCTL_NO_BUILD=1");
    assertThat(mvnCalls()).isEmpty();
  }

  @Test
  void worksThroughASymlinkAndPassesExitCodesThrough() throws Exception {
    Path link = tmp.resolve("links/kvctl");
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, repo.resolve("kvctl"));

    ProcessRun lint =
        ProcessRun.run(
            Path.of("/"),
            Map.of("PATH", bin + ":" + System.getenv("PATH")),
            List.of(link.toString(), "lint", repo.resolve("deployment/examples").toString()),
            120);
    ProcessRun usage = kvctl(Map.of(), "fetch");

    assertThat(lint.exitCode()).as(lint.describe()).isZero();
    assertThat(lint.stdout()).contains("kvctl lint: no findings in").contains("6 azure/kv volumes");
    assertThat(usage.exitCode()).isEqualTo(2);
    assertThat(usage.stderr())
        .isEqualTo(
            "kvctl fetch: missing required option: '--filename=FILE'\n"
                + "See 'kvctl fetch --help' for usage.\n");
  }

  @Test
  void usesJavaHomeAndTurnsTheHostsFileIntoTheJdkProperty() throws Exception {
    Path javaHome = tmp.resolve("jdk");
    Files.createDirectories(javaHome.resolve("bin"));
    Path java = javaHome.resolve("bin/java");
    Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"arg: $a\"; done\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

    ProcessRun run =
        kvctl(
            Map.of("JAVA_HOME", javaHome.toString(), "KVFLEX_HOSTS_FILE", "/tmp/lv hosts"),
            "fetch",
            "-f",
            "my pod.yaml");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout())
        .contains("arg: -Djdk.net.hosts.file=/tmp/lv hosts\n")
        .contains("arg: -jar\n")
        .contains("arg: -Dkvctl.stdout.tty=false\n")
        .contains("arg: -Dkvctl.stderr.tty=false\n")
        .contains("arg: " + repo.toRealPath() + "/kvctl-cli/target/kvctl.jar\n")
        .endsWith("arg: fetch\narg: -f\narg: my pod.yaml\n");
  }
}
