package io.kvflex.flexvolume.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.testsupport.Json;
import io.kvflex.testsupport.ProcessRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the BUILT launcher {@code driver/target/plugin/azure~kv/kv} like the kubelet does: argv
 * passed without a shell, an environment holding only what the test gives ({@code env -i}: no PATH,
 * no locale), stdout and stderr read together, the whole output parsed as exactly one JSON object.
 */
final class KvRun {
  final int exitCode;
  final String output;
  final Map<String, Object> json;

  /** When the process had ended (its output closed and it exited). */
  final java.time.Instant finishedAt;

  private KvRun(int exitCode, String output, Map<String, Object> json) {
    this.exitCode = exitCode;
    this.output = output;
    this.json = json;
    this.finishedAt = java.time.Instant.now();
  }

  static Path pluginDir() {
    String dir = System.getProperty("kvflex.pluginDir");
    assertThat(dir).as("system property kvflex.pluginDir (set by the driver pom)").isNotNull();
    return Path.of(dir);
  }

  static Path kv() {
    return pluginDir().resolve("kv");
  }

  static KvRun run(Path executable, Map<String, String> env, String... args) throws Exception {
    List<String> argv = new ArrayList<>();
    argv.add(executable.toString());
    argv.addAll(List.of(args));
    ProcessRun run =
        ProcessRun.of(argv)
            .env(env)
            .cleanEnv()
            .mergeStderr()
            .timeout(Duration.ofSeconds(120))
            .run();
    return new KvRun(run.exitCode(), run.stdout(), parseExactlyOneObject(run.stdout()));
  }

  /** Starts {@code kv} with exactly {@code env} as its environment; stdout+stderr together. */
  static Process start(Path executable, Map<String, String> env, String... args) throws Exception {
    List<String> argv = new ArrayList<>();
    argv.add(executable.toString());
    argv.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(env);
    Process process = pb.start();
    process.getOutputStream().close();
    return process;
  }

  /** The parsed reply of a finished process started with {@link #start}. */
  static KvRun finished(Process process) throws Exception {
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("kv finished").isTrue();
    String text = new String(out, StandardCharsets.UTF_8);
    return new KvRun(process.exitValue(), text, parseExactlyOneObject(text));
  }

  /** The kubelet's view: the combined output must be one JSON object and nothing else. */
  static Map<String, Object> parseExactlyOneObject(String text) {
    assertThat(text).as("combined stdout+stderr").startsWith("{").endsWith("}\n");
    assertThat(text.indexOf('\n')).as("one line only: " + text).isEqualTo(text.length() - 1);
    return Json.object(text);
  }

  String status() {
    return (String) json.get("status");
  }

  String message() {
    return (String) json.get("message");
  }

  /**
   * A kubelet-like environment: nothing but the Java runtime, a private log file and a private run
   * directory next to it (never the node's /run/kvflex), plus what the test adds.
   */
  static Map<String, String> env(Path log, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    env.put("KVFLEX_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    env.put("KVFLEX_LOG_FILE", log.toString());
    env.put("KVFLEX_RUN_DIR", log.resolveSibling("run").toString());
    env.putAll(extra);
    return env;
  }

  static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file) : "";
  }
}
