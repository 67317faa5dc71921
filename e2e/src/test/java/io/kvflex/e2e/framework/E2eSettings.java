package io.kvflex.e2e.framework;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of a run, read once from system properties (set by the e2e pom; defaults fit an IDE run
 * from the {@code e2e/} directory).
 *
 * @param backend where scenarios run: {@code -Dkvflex.e2e.backend=host|k3s}
 * @param repoRoot the repository root ({@code kvflex.repo.root}): plugin folder, installer,
 *     examples
 * @param workRoot scratch space of the run ({@code kvflex.e2e.work}), under {@code e2e/target/}
 * @param agent whether every scenario starts with the node agent running ({@code
 *     -Dkvflex.e2e.agent=true}, the agent run of the host backend) or without one
 */
public record E2eSettings(BackendKind backend, Path repoRoot, Path workRoot, boolean agent) {

  public E2eSettings {
    Objects.requireNonNull(backend);
    repoRoot = repoRoot.toAbsolutePath().normalize();
    workRoot = workRoot.toAbsolutePath().normalize();
  }

  /** Which backend executes the scenarios. */
  public enum BackendKind {
    HOST,
    K3S;

    static BackendKind parse(String value) {
      return switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "", "host" -> HOST;
        case "k3s" -> K3S;
        default ->
            throw new IllegalArgumentException(
                "kvflex.e2e.backend is '" + value + "'; use host or k3s");
      };
    }
  }

  /** From {@code System.getProperties()}-like values. */
  public static E2eSettings from(Map<String, String> properties) {
    Path root = Path.of(properties.getOrDefault("kvflex.repo.root", ".."));
    return new E2eSettings(
        BackendKind.parse(properties.getOrDefault("kvflex.e2e.backend", "host")),
        root,
        Path.of(properties.getOrDefault("kvflex.e2e.work", "target/e2e-work")),
        Boolean.parseBoolean(properties.getOrDefault("kvflex.e2e.agent", "false")));
  }

  /** The built plugin folder the installer copies: {@code driver/target/plugin/azure~kv}. */
  public Path pluginFolder() {
    return repoRoot.resolve("driver/target/plugin/azure~kv");
  }

  /** The real installer script: {@code deployment/installer/install.sh}. */
  public Path installScript() {
    return repoRoot.resolve("deployment/installer/install.sh");
  }

  /** The hosts file the test JVM reads ({@code -Djdk.net.hosts.file}, see the e2e pom). */
  public Path jvmHostsFile() {
    return workRoot.resolve("hosts");
  }
}
