package io.kvflex.agent;

import io.kvflex.errors.UserInputException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The node agent's settings, read once from its environment and validated.
 *
 * @param runDir the root-only runtime directory shared with the launcher ({@code KVFLEX_RUN_DIR},
 *     default {@code /run/kvflex})
 * @param concurrency calls executed at once ({@code KVFLEX_AGENT_CONCURRENCY}, default 8)
 * @param queue claimed calls that may wait for a free slot ({@code KVFLEX_AGENT_QUEUE}, default
 *     256); beyond it the agent declines new calls and their launchers run them in-process
 * @param maxWait how long after its launcher started a call may still begin ({@code
 *     KVFLEX_AGENT_MAX_WAIT_SECONDS}, default 60); later it is answered with a Failure instead of
 *     executed late
 * @param release the installed release the agent runs ({@code KVFLEX_RELEASE}, set by the
 *     launcher), published in the ready file for operators
 */
public record AgentSettings(
    Path runDir, int concurrency, int queue, Duration maxWait, String release) {

  public static final Path DEFAULT_RUN_DIR = Path.of("/run/kvflex");
  static final int DEFAULT_CONCURRENCY = 8;
  static final int DEFAULT_QUEUE = 256;
  static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(60);

  public AgentSettings {
    Objects.requireNonNull(runDir);
    Objects.requireNonNull(maxWait);
    Objects.requireNonNull(release);
    if (!runDir.isAbsolute()) {
      throw new UserInputException(
          "KVFLEX_RUN_DIR must be an absolute path (the launcher and the agent must agree on it)");
    }
  }

  /**
   * From the agent's environment.
   *
   * @throws UserInputException naming the variable and the accepted range
   */
  public static AgentSettings fromEnvironment(Map<String, String> env) {
    String dir = env.getOrDefault("KVFLEX_RUN_DIR", "");
    return new AgentSettings(
        dir.isBlank() ? DEFAULT_RUN_DIR : Path.of(dir),
        number(env, "KVFLEX_AGENT_CONCURRENCY", DEFAULT_CONCURRENCY, 1, 256),
        number(env, "KVFLEX_AGENT_QUEUE", DEFAULT_QUEUE, 0, 10_000),
        Duration.ofSeconds(
            number(
                env, "KVFLEX_AGENT_MAX_WAIT_SECONDS", (int) DEFAULT_MAX_WAIT.toSeconds(), 1, 600)),
        env.getOrDefault("KVFLEX_RELEASE", "").isBlank()
            ? "unknown"
            : env.get("KVFLEX_RELEASE").replaceAll("[^A-Za-z0-9._-]", "_"));
  }

  private static int number(Map<String, String> env, String name, int fallback, int min, int max) {
    String value = env.getOrDefault(name, "").trim();
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UserInputException(
        name + " must be a whole number from " + min + " to " + max + "; unset it for " + fallback);
  }
}
