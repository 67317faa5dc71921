package io.kvflex.e2e.framework;

import io.kvflex.testsupport.ProcessRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Executes the installed {@code <plugin dir>/azure~kv/kv} as the kubelet does: argv passed as is
 * (no shell), the kubelet's own environment, stdout and stderr read TOGETHER, one reply parsed from
 * them. A driver that hangs is killed after {@link #HANG_LIMIT} and reported as such.
 */
public final class DriverProcess {
  /** The kubelet has no deadline of its own; we do, so a hang fails the scenario, not the run. */
  static final Duration HANG_LIMIT = Duration.ofSeconds(120);

  private final Path executable;
  private final Map<String, String> environment;

  /**
   * @param executable the driver the kubelet runs ({@code <plugin dir>/azure~kv/kv})
   * @param environment the complete environment of the kubelet (nothing of the test JVM leaks in)
   */
  public DriverProcess(Path executable, Map<String, String> environment) {
    this.executable = executable;
    this.environment = Map.copyOf(environment);
  }

  /** Runs {@code kv <args...>} and returns what the kubelet would see. */
  public DriverReply run(String... args) {
    List<String> argv = new ArrayList<>();
    argv.add(executable.toString());
    argv.addAll(List.of(args));
    long start = System.nanoTime();
    ProcessRun run;
    try {
      run =
          ProcessRun.of(argv)
              .env(environment)
              .cleanEnv()
              .mergeStderr()
              .timeout(HANG_LIMIT)
              .runUnchecked();
    } catch (ProcessRun.TimedOut e) {
      throw new IllegalStateException(
          "kv " + args[0] + " did not finish within " + HANG_LIMIT + "; the kubelet would hang", e);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    return DriverReply.of(run.exitCode(), run.stdout(), took);
  }
}
