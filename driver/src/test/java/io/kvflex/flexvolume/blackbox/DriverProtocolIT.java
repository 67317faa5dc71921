package io.kvflex.flexvolume.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verbs as the kubelet sees them, through the built launcher. */
class DriverProtocolIT {
  @TempDir Path tmp;

  Map<String, String> env() {
    return KvRun.env(tmp.resolve("kv-driver.log"), Map.of());
  }

  @Test
  void initAnswersCapabilitiesAndNothingElse() throws Exception {
    KvRun run = KvRun.run(KvRun.kv(), env(), "init");
    assertThat(run.exitCode).isZero();
    assertThat(run.output)
        .isEqualTo("{\"status\":\"Success\",\"capabilities\":{\"attach\":false}}\n");
  }

  @Test
  void jvmChatterNeverReachesTheKubelet() throws Exception {
    // Node-wide JVM options would print "Picked up ..." and here even GC logs to stdout.
    Map<String, String> env =
        KvRun.env(
            tmp.resolve("kv-driver.log"),
            Map.of(
                "JAVA_TOOL_OPTIONS", "-Xlog:gc*=info:stdout",
                "_JAVA_OPTIONS", "-Xlog:gc*=info:stdout",
                "JDK_JAVA_OPTIONS", "-Xlog:gc*=info:stdout -XX:+PrintFlagsFinal"));
    KvRun run = KvRun.run(KvRun.kv(), env, "init");
    assertThat(run.exitCode).isZero();
    assertThat(run.output)
        .isEqualTo("{\"status\":\"Success\",\"capabilities\":{\"attach\":false}}\n");
  }

  @Test
  void otherVerbsAreNotSupported() throws Exception {
    for (String[] args :
        new String[][] {
          {"attach", "{}", "node1"}, {"getvolumename", "{}"}, {"mountdevice", "/x", "/y", "{}"}, {}
        }) {
      KvRun run = KvRun.run(KvRun.kv(), env(), args);
      assertThat(run.exitCode).isZero();
      assertThat(run.output).isEqualTo("{\"status\":\"Not supported\"}\n");
    }
  }

  @Test
  void unmountOfANonMountSucceedsAndRemovesTheDir() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("vol"));
    KvRun run = KvRun.run(KvRun.kv(), env(), "unmount", dir.toString());
    assertThat(run.exitCode).isZero();
    assertThat(run.status()).isEqualTo("Success");
    assertThat(dir).doesNotExist();
    assertThat(KvRun.run(KvRun.kv(), env(), "unmount", dir.toString()).status())
        .isEqualTo("Success");
  }

  @Test
  void worksThroughChainedAndRelativeSymlinks() throws Exception {
    Path bin = Files.createDirectory(tmp.resolve("bin"));
    Path link = bin.resolve("kv");
    Files.createSymbolicLink(link, KvRun.kv());
    Path chained = Files.createSymbolicLink(tmp.resolve("kv-again"), Path.of("bin/kv"));
    assertThat(KvRun.run(link, env(), "init").status()).isEqualTo("Success");
    assertThat(KvRun.run(chained, env(), "init").status()).isEqualTo("Success");
  }

  @Test
  void theLogIsPrivateAndAnUnwritableLogChangesNothing() throws Exception {
    Path log = tmp.resolve("kv-driver.log");
    KvRun.run(KvRun.kv(), env(), "unmount", tmp.resolve("nothing").toString());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log)))
        .isEqualTo("rw-------");
    Path blocked = Files.writeString(tmp.resolve("not-a-dir"), "x");
    KvRun run =
        KvRun.run(
            KvRun.kv(),
            KvRun.env(blocked.resolve("kv.log"), Map.of()),
            "unmount",
            "/nonexistent-x");
    assertThat(run.output).isEqualTo("{\"status\":\"Success\"}\n");
  }

  @Test
  void withoutAnyJavaTheLauncherStillAnswersOneJsonFailure() throws Exception {
    Map<String, String> env = new java.util.HashMap<>(env());
    env.put("PATH", "/nonexistent");
    env.put("JAVA_HOME", "/nonexistent");
    env.put("KVFLEX_JAVA", "/nonexistent/java");
    KvRun run = KvRun.run(KvRun.kv(), env, "init");
    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.status()).isEqualTo("Failure");
    assertThat(run.message()).contains("no Java runtime found");
  }

  @Test
  void kvflexJavaSelectsTheRuntime() throws Exception {
    Path fake = tmp.resolve("fake-java");
    Files.writeString(fake, "#!/bin/sh\necho '{\"status\":\"Success\",\"from\":\"fake\"}'\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
    Map<String, String> env = new java.util.HashMap<>(env());
    env.put("KVFLEX_JAVA", fake.toString());
    assertThat(KvRun.run(KvRun.kv(), env, "init").json).containsEntry("from", "fake");
  }
}
