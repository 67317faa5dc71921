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

  /** A kubelet-shaped volume directory under the test's temp dir (not created). */
  Path volumeDir(String name) {
    return tmp.resolve("kubelet/pods/0b1c2d3e/volumes/azure~kv/" + name);
  }

  @Test
  void unmountOfANonMountSucceedsAndRemovesTheDir() throws Exception {
    Path dir = Files.createDirectories(volumeDir("vol"));
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
    KvRun.run(KvRun.kv(), env(), "unmount", volumeDir("nothing").toString());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log)))
        .isEqualTo("rw-------");
    Path blocked = Files.writeString(tmp.resolve("not-a-dir"), "x");
    KvRun run =
        KvRun.run(
            KvRun.kv(),
            KvRun.env(blocked.resolve("kv.log"), Map.of()),
            "unmount",
            "/nonexistent/pods/u/volumes/azure~kv/x");
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

  /** A stand-in for java: a script whose body the test writes. */
  Path fakeJava(String body) throws Exception {
    Path fake = tmp.resolve("fake-java-" + System.nanoTime());
    Files.writeString(fake, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
    return fake;
  }

  KvRun withJava(Path java, String... args) throws Exception {
    Map<String, String> env = new java.util.HashMap<>(env());
    env.put("KVFLEX_JAVA", java.toString());
    return KvRun.run(KvRun.kv(), env, args);
  }

  @Test
  void aJvmThatCannotStartYieldsOneFailureJsonNamingTheLog() throws Exception {
    // A memory limit too small for the heap: the JVM prints its error and exits 1 before main.
    KvRun run =
        KvRun.run(
            Path.of("/bin/sh"),
            env(),
            "-c",
            "ulimit -v 300000; exec \"$0\" \"$@\"",
            KvRun.kv().toString(),
            "init");
    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.message())
        .contains("the Java runtime exited with status 1 before answering")
        .contains("its error output is in " + tmp.resolve("kv-driver.log"));
    assertThat(KvRun.read(tmp.resolve("kv-driver.log")))
        .contains("Error occurred during initialization of VM");
  }

  @Test
  void aKilledJvmYieldsOneFailureJsonNamingTheSignal() throws Exception {
    KvRun run = withJava(fakeJava("kill -9 $$"), "init");
    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.message())
        .contains("was killed by signal 9 (KILL: the out-of-memory killer, or kill -9)");
  }

  @Test
  void aCrashReportIsNamedWhenTheJvmWroteOne() throws Exception {
    // The launcher passes -XX:ErrorFile=<log>.hs_err_<its pid>; a crashing JVM writes it.
    KvRun run =
        withJava(
            fakeJava(
                "for a; do case $a in -XX:ErrorFile=*) echo crash > \"${a#-XX:ErrorFile=}\";;"
                    + " esac; done; kill -6 $$"),
            "init");
    assertThat(run.message())
        .contains("killed by signal 6 (ABRT: the Java runtime crashed)")
        .containsPattern("crash report .*kv-driver\\.log\\.hs_err_[0-9]+");
  }

  @Test
  void withoutALogTheCrashReportGoesToTheRunDirectoryNotThePluginFolder() throws Exception {
    Path runDir = Files.createDirectory(tmp.resolve("run"));
    Map<String, String> env = new java.util.HashMap<>(KvRun.env(Path.of("/dev/null"), Map.of()));
    env.put("KVFLEX_RUN_DIR", runDir.toString());
    env.put(
        "KVFLEX_JAVA",
        fakeJava(
                "for a; do case $a in -XX:ErrorFile=*) echo crash > \"${a#-XX:ErrorFile=}\";;"
                    + " esac; done; kill -6 $$")
            .toString());
    KvRun run = KvRun.run(KvRun.kv(), env, "init");
    assertThat(run.message())
        .contains("killed by signal 6")
        .containsPattern("crash report " + runDir + "/hs_err_[0-9]+\\.log");
    try (var reports = Files.list(runDir)) {
      assertThat(reports).hasSize(1);
    }
    try (var plugin = Files.list(KvRun.kv().getParent())) {
      assertThat(plugin).noneMatch(p -> p.getFileName().toString().startsWith("hs_err"));
    }
  }

  @Test
  void withoutALogOrRunDirectoryTheCrashReportGoesToTmp() throws Exception {
    Map<String, String> env = new java.util.HashMap<>(KvRun.env(Path.of("/dev/null"), Map.of()));
    env.put("KVFLEX_RUN_DIR", tmp.resolve("no-such-run-dir").toString());
    Path argv = tmp.resolve("argv");
    env.put("KVFLEX_JAVA", fakeJava("printf '%s\\n' \"$@\" > " + argv + "; exit 3").toString());
    KvRun.run(KvRun.kv(), env, "init");
    assertThat(Files.readAllLines(argv))
        .anyMatch(a -> a.matches("-XX:ErrorFile=/tmp/kvflex-hs_err_[0-9]+\\.log"));
  }

  @Test
  void anythingButOneJsonLineFromTheJvmBecomesAFailure() throws Exception {
    KvRun nothing = withJava(fakeJava("exit 0"), "init");
    assertThat(nothing.message()).contains("exited with status 0 before answering");
    KvRun twoLines =
        withJava(fakeJava("echo 'Picked up something'; echo '{\"status\":\"Success\"}'"), "init");
    assertThat(twoLines.status()).isEqualTo("Failure");
    assertThat(KvRun.read(tmp.resolve("kv-driver.log"))).contains("Picked up something");
  }

  @Test
  void theOptionsJsonNeverReachesTheJvmsCommandLine() throws Exception {
    Path argvFile = tmp.resolve("java-argv");
    String realJava = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // The wrapper's argv IS the JVM's argv (it execs java with it): what /proc/<pid>/cmdline shows.
    Path wrapper =
        fakeJava("printf '%s\\n' \"$@\" > " + argvFile + "; exec " + realJava + " \"$@\"");
    String secret = "SENTINEL-argv-" + System.nanoTime();
    String json =
        "{\"kubernetes.io/secret/clientsecret\":\"" + secret + "\",\"dup\":\"a\",\"dup\":\"b\"}";
    Path dir = Files.createDirectories(volumeDir("argv"));
    KvRun run = withJava(wrapper, "mount", dir.toString(), json);
    // The JVM did read the options (from stdin): it names the repeated key.
    assertThat(run.message()).contains("option \"dup\" appears more than once");
    String argv = Files.readString(argvFile);
    assertThat(argv).contains("@stdin").contains(dir.toString()).doesNotContain(secret);
    assertThat(run.output).doesNotContain(secret);
    assertThat(KvRun.read(tmp.resolve("kv-driver.log"))).doesNotContain(secret);
  }

  @Test
  void aSymlinkedLogPathIsRefusedAndItsTargetUntouched() throws Exception {
    Path precious = Files.writeString(tmp.resolve("precious"), "keep\n");
    Files.setPosixFilePermissions(precious, PosixFilePermissions.fromString("rw-r--r--"));
    Path link = Files.createSymbolicLink(tmp.resolve("linked.log"), precious);
    KvRun run =
        KvRun.run(
            KvRun.kv(), KvRun.env(link, Map.of()), "unmount", volumeDir("missing").toString());
    assertThat(run.output).isEqualTo("{\"status\":\"Success\"}\n");
    assertThat(Files.readString(precious)).isEqualTo("keep\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(precious)))
        .isEqualTo("rw-r--r--");
  }

  @Test
  void aFifoLogPathNeitherHangsNorIsWritten() throws Exception {
    Path fifo = tmp.resolve("fifo.log");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    KvRun run = KvRun.run(KvRun.kv(), KvRun.env(fifo, Map.of()), "init");
    assertThat(run.status()).isEqualTo("Success");
  }
}
