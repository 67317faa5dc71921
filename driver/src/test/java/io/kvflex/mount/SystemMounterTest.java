package io.kvflex.mount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvflex.errors.LocalWriteException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemMounterTest {
  @TempDir Path tmp;

  @Test
  void mountsTmpfsWithHardenedOptionsAndNoSecretsInArgv() throws Exception {
    List<List<String>> seen = new ArrayList<>();
    ProcessRunner runner =
        (argv, timeout) -> {
          seen.add(argv);
          return new ProcessRunner.Result(0, "");
        };
    SystemMounter mounter = new SystemMounter(runner, new MountTable(tmp.resolve("none")));
    mounter.mountTmpfs(Path.of("/v/dir with space"), "kvflex-0123456789abcdef", 16L * 1024 * 1024);
    mounter.unmount(Path.of("/v/dir with space"));
    mounter.bind(Path.of("/run/kvflex/staging/abc.1"), Path.of("/v/dir with space"));
    assertThat(seen.get(0))
        .endsWith(
            "-t",
            "tmpfs",
            "-o",
            "nosuid,nodev,noexec,size=16777216,mode=0755",
            "kvflex-0123456789abcdef",
            "/v/dir with space");
    assertThat(seen.get(0).get(0)).endsWith("mount");
    assertThat(seen.get(1)).endsWith("/v/dir with space");
    assertThat(seen.get(1).get(0)).endsWith("umount");
    assertThat(seen.get(2).subList(1, 4))
        .containsExactly("--bind", "/run/kvflex/staging/abc.1", "/v/dir with space");
  }

  @Test
  void toolFailuresNameTheDirectoryAndTheToolOutput() {
    ProcessRunner runner =
        (argv, timeout) -> new ProcessRunner.Result(32, "mount: /v: permission denied.\n(extra)");
    SystemMounter mounter = new SystemMounter(runner, new MountTable(tmp.resolve("none")));
    assertThatThrownBy(() -> mounter.mountTmpfs(Path.of("/v"), "kvflex-x", 1024))
        .isInstanceOf(LocalWriteException.class)
        .hasMessageMatching(
            "could not mount a tmpfs at /v: \\S*mount exit 32: mount: /v: permission denied\\."
                + " \\(extra\\)");
  }

  @Test
  void aHungToolIsReportedAsTimedOut() {
    ProcessRunner runner = (argv, timeout) -> new ProcessRunner.Result(-1, "");
    SystemMounter mounter = new SystemMounter(runner, new MountTable(tmp.resolve("none")));
    assertThatThrownBy(() -> mounter.unmount(Path.of("/v")))
        .hasMessageContaining("could not unmount /v")
        .hasMessageContaining("timed out after 30s");
  }

  @Test
  void aMissingDirectoryIsNotAMountPoint() {
    SystemMounter mounter = SystemMounter.host();
    assertThat(mounter.isMountPoint(tmp.resolve("missing"))).isFalse();
    assertThat(mounter.isMountPoint(tmp)).isFalse();
  }

  @Test
  void hostProcessRunnerCapturesOutputAndKillsHungCommands() {
    HostProcessRunner runner = new HostProcessRunner();
    assertThat(
            runner.run(
                List.of("sh", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(10)))
        .isEqualTo(new ProcessRunner.Result(3, "out\nerr"));
    long start = System.nanoTime();
    assertThat(runner.run(List.of("sleep", "30"), Duration.ofMillis(200)).exitCode()).isEqualTo(-1);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void realTmpfsRoundTrip() throws Exception {
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
    SystemMounter mounter = SystemMounter.host();
    Path dir = Files.createDirectory(tmp.resolve("vol"));
    mounter.mountTmpfs(dir, "kvflex-0123456789abcdef", 1024 * 1024);
    try {
      assertThat(mounter.isMountPoint(dir)).isTrue();
      assertThat(mounter.stackAt(dir)).singleElement().matches(VolumeMarker::isOurs);
      String real = dir.toRealPath().toString();
      String line =
          Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
              .filter(l -> l.contains(" " + real + " "))
              .findFirst()
              .orElseThrow();
      assertThat(line)
          .contains("nosuid")
          .contains("nodev")
          .contains("noexec")
          .contains("size=1024k");
    } finally {
      mounter.unmount(dir);
    }
    assertThat(mounter.isMountPoint(dir)).isFalse();
  }
}
