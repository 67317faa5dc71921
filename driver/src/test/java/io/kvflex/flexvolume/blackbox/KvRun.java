package io.kvflex.flexvolume.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.testsupport.Json;
import io.kvflex.testsupport.ProcessRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the BUILT launcher {@code driver/target/plugin/azure~kv/kv} like the kubelet does: argv
 * passed without a shell, stdout and stderr read together, the whole output parsed as exactly one
 * JSON object.
 */
final class KvRun {
  final int exitCode;
  final String output;
  final Map<String, Object> json;

  private KvRun(int exitCode, String output, Map<String, Object> json) {
    this.exitCode = exitCode;
    this.output = output;
    this.json = json;
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
        ProcessRun.of(argv).env(env).mergeStderr().timeout(Duration.ofSeconds(120)).run();
    return new KvRun(run.exitCode(), run.stdout(), parseExactlyOneObject(run.stdout()));
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

  /** A fresh environment for a run: a private log file, plus what the test adds. */
  static Map<String, String> env(Path log, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(extra);
    env.put("KVFLEX_LOG_FILE", log.toString());
    return env;
  }

  static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file) : "";
  }
}
