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
 * @param answerMemory bytes of heap the calls may spend on vault answers at once ({@code
 *     KVFLEX_AGENT_MEMORY} in MiB, default {@link #DEFAULT_MEMORY_FRACTION} of the heap): beyond it
 *     a call fails with the driver's out-of-memory message instead of the heap running out
 */
public record AgentSettings(
    Path runDir, int concurrency, int queue, Duration maxWait, String release, long answerMemory) {

  /** The setting that sets {@link #answerMemory}, named in the message of a call it refuses. */
  public static final String MEMORY_VARIABLE = "KVFLEX_AGENT_MEMORY";

  /**
   * Part of the heap the default budget is: the rest holds the agent itself (SDK, warm clients,
   * logs) and the young generation's headroom. Measured by bench/heap-50-objects.sh.
   */
  static final double DEFAULT_MEMORY_FRACTION = 0.75;

  public static final Path DEFAULT_RUN_DIR = Path.of("/run/kvflex");
  static final int DEFAULT_CONCURRENCY = 8;
  static final int DEFAULT_QUEUE = 256;
  static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(60);

  public AgentSettings {
    Objects.requireNonNull(runDir);
    Objects.requireNonNull(maxWait);
    Objects.requireNonNull(release);
    if (answerMemory <= 0) {
      throw new IllegalArgumentException("answerMemory must be positive");
    }
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
    return fromEnvironment(env, Runtime.getRuntime().maxMemory());
  }

  /**
   * From the agent's environment, for a heap of {@code maxHeap} bytes.
   *
   * @throws UserInputException naming the variable and the accepted range
   */
  static AgentSettings fromEnvironment(Map<String, String> env, long maxHeap) {
    int memoryMiB = number(env, MEMORY_VARIABLE, 0, 1, 65_536);
    long answerMemory =
        memoryMiB == 0
            ? Math.max(1, (long) (maxHeap * DEFAULT_MEMORY_FRACTION))
            : memoryMiB * 1024L * 1024L;
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
            : env.get("KVFLEX_RELEASE").replaceAll("[^A-Za-z0-9._-]", "_"),
        answerMemory);
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
        name
            + " must be a whole number from "
            + min
            + " to "
            + max
            + "; unset it for "
            + (fallback == 0 ? "the default" : fallback));
  }
}
