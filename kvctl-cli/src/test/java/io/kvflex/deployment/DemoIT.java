package io.kvflex.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.testsupport.ProcessRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kvctl demo} as the README's first command runs it: a fresh JVM of the built kvctl, the
 * built driver plugin folder, no arguments. Its temporary directory is pointed into the test's own
 * one, so the test sees that nothing is left behind (files, tmpfs mounts), also after Ctrl-C.
 */
class DemoIT {
  @TempDir Path tmp;

  private List<String> jvm() {
    return List.of("-Djava.io.tmpdir=" + tmp);
  }

  @Test
  void runsTheWholeProductAndLeavesNothingBehind() throws Exception {
    Path kept = tmp.resolve("kept");
    ProcessRun r = Kvctl.run(Path.of("/"), jvm(), "demo", "--keep", kept.toString());

    assertThat(r.exitCode()).as(r.describe()).isZero();
    // --keep: the sample pod and its Secret stay, for `vault serve --dir` to serve again.
    assertThat(kept.resolve("pod.yaml")).content().contains("keyvaultname: \"demo-vault\"");
    assertThat(kept.resolve("secret.yaml")).content().contains("type: azure/kv");
    assertThat(r.stdout()).contains("./kvctl vault serve --dir " + kept);
    assertThat(r.stderr()).isEmpty();
    assertThat(r.stdout())
        .startsWith("kvctl demo: Key Vault objects as files in a pod, on a local Key Vault")
        .contains("[1/7] starting localvault with its built-in demo seed… ready (")
        .contains("[2/7] kvctl lint deployment/examples… clean (")
        .contains("kvctl lint: no findings in")
        .contains("[3/7] kvctl fetch (dry run) of nginx-flex-kv-all-formats.yaml…")
        .contains("keyvaultname and tenantid rewritten to the demo vault demo-vault")
        .containsPattern("db-password\\.txt +secret/db-password +[0-9a-f]{12} +raw +28 +0644")
        .contains("      → exit 0 (")
        .contains("[4/7] kvctl check-access: may these identities read secret db-password?")
        .containsPattern("secret/db-password +allowed +secrets get")
        .containsPattern("secret/db-password +denied +secrets get")
        .contains("fix:      az keyvault set-policy --name demo-vault --resource-group localvault")
        .contains("demo-app allowed, demo-no-access refused (exit 1) with the fix to run")
        .contains(
            "db-password.txt (secret db-password, latest version): correct-horse-battery-staple")
        .containsPattern("done in \\d+\\.\\d s\\. Next:");
    if (runningAsRoot()) {
      assertThat(r.stdout())
          .contains("[5/7] driver mount, as the kubelet does it…")
          .contains("      → {\"status\":\"Success\"} (")
          .contains("a tmpfs is mounted at $DEMO/kubelet/pods/")
          .containsPattern("web-tls\\.der +\\d+ +rw-r--r-- +der +cert/web-tls \\(latest\\)")
          .contains("[6/7] driver unmount… {\"status\":\"Success\"}");
    } else {
      assertThat(r.stdout()).contains("NOTE: not running as root");
    }
    assertThat(leftovers()).isEmpty();
    assertThat(mountsUnder(tmp)).isEmpty();
  }

  @Test
  void ctrlCCleansUp() throws Exception {
    Path out = Files.createTempFile("demo", ".out");
    Process p =
        new ProcessBuilder(Kvctl.argv(jvm(), "demo"))
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String marker = runningAsRoot() ? "a tmpfs is mounted at" : "NOTE: not running as root";
    Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
    while (!Files.readString(out).contains(marker) && p.isAlive()) {
      assertThat(Instant.now()).as(Files.readString(out)).isBefore(deadline);
      Thread.sleep(100);
    }
    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
    p.waitFor();

    assertThat(mountsUnder(tmp)).isEmpty();
    assertThat(leftovers()).isEmpty();
    Files.deleteIfExists(out);
  }

  private List<Path> leftovers() throws Exception {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.filter(p -> p.getFileName().toString().startsWith("kvflex-demo-")).toList();
    }
  }

  private static List<String> mountsUnder(Path dir) throws Exception {
    String prefix = dir.toRealPath().toString();
    return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
        .filter(l -> l.contains(" " + prefix + "/"))
        .toList();
  }

  private static boolean runningAsRoot() throws Exception {
    return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
  }
}
