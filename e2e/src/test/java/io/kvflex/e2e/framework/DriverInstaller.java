package io.kvflex.e2e.framework;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Installs the BUILT plugin folder ({@code driver/target/plugin/azure~kv}) into a plugin directory
 * with the real installer script, exactly as the installer DaemonSet does on a node (minus the
 * sleep: {@code KVFLEX_INSTALL_SLEEP=false}).
 */
public final class DriverInstaller {
  private final Path script;
  private final Path pluginFolder;

  public DriverInstaller(Path script, Path pluginFolder) {
    this.script = script;
    this.pluginFolder = pluginFolder;
  }

  /**
   * The installer's environment on this machine: the Java runtime the plugin folder should use
   * (only the installer image bundles one), the driver's log, and the adoption of legacy volumes
   * reading this machine's mount table (the one the driver's calls see) into {@code runDir}.
   */
  public static Map<String, String> environment(String java, Path runDir, Path log) {
    return Map.of(
        "KVFLEX_JAVA",
        java,
        "KVFLEX_HOST_MOUNTINFO",
        "/proc/self/mountinfo",
        "KVFLEX_RUN_DIR",
        runDir.toString(),
        "KVFLEX_LOG_FILE",
        log.toString());
  }

  /**
   * An installed driver: its entry point {@code <plugin dir>/azure~kv/kv} and what install.sh said.
   */
  public record Installed(Path entryPoint, String output) {}

  /**
   * Runs {@code install.sh} with {@code TARGET_DIR=pluginDir}; returns the installed entry point
   * {@code <pluginDir>/azure~kv/kv}.
   *
   * @param environment extra environment: the Java runtime the plugin folder should use (only the
   *     installer image bundles one), and where the adoption of legacy volumes reads the mount
   *     table ({@code KVFLEX_HOST_MOUNTINFO}) and writes its records ({@code KVFLEX_RUN_DIR})
   * @throws IllegalStateException with the installer's output when it fails
   */
  public Installed install(Path pluginDir, Map<String, String> environment) {
    if (!Files.isExecutable(pluginFolder.resolve("kv"))) {
      throw new IllegalStateException(
          "no built plugin folder at "
              + pluginFolder
              + "; build the driver first (mvn -B verify builds it before the e2e module)");
    }
    ProcessBuilder pb = new ProcessBuilder("sh", script.toString()).redirectErrorStream(true);
    pb.environment().putAll(environment);
    pb.environment().put("TARGET_DIR", pluginDir.toString());
    pb.environment().put("KVFLEX_PLUGIN_SOURCE", pluginFolder.toString());
    pb.environment().put("KVFLEX_INSTALL_SLEEP", "false");
    try {
      Path log = Files.createTempFile("kvflex-install", ".log");
      try {
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IllegalStateException("install.sh did not finish within 120 s");
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
          throw new IllegalStateException(
              "install.sh failed (exit " + p.exitValue() + "):\n" + out);
        }
        return new Installed(pluginDir.resolve("azure~kv/kv"), out);
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while installing", e);
    }
  }
}
