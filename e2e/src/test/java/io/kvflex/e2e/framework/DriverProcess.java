package io.kvflex.e2e.framework;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Executes the installed {@code <plugin dir>/azure~kv/kv} as the kubelet does: argv passed as is
 * (no shell), the kubelet's own environment, stdout and stderr read TOGETHER, one reply parsed from
 * them. A driver that hangs is killed after {@link #HANG_LIMIT} and reported as such. A scenario
 * may run it under a wrapper (a memory limit) or kill it part-way, as a node under pressure would.
 */
public final class DriverProcess {
  /** The kubelet has no deadline of its own; we do, so a hang fails the scenario, not the run. */
  static final Duration HANG_LIMIT = Duration.ofSeconds(120);

  private final Path executable;
  private final Map<String, String> environment;
  private final List<String> wrapper;

  /**
   * @param executable the driver the kubelet runs ({@code <plugin dir>/azure~kv/kv})
   * @param environment the complete environment of the kubelet (nothing of the test JVM leaks in)
   */
  public DriverProcess(Path executable, Map<String, String> environment) {
    this(executable, environment, List.of());
  }

  /**
   * @param wrapper argv put before the driver's own (e.g. {@code sh -c 'ulimit -v N; exec "$0"
   *     "$@"'}); empty for none
   */
  public DriverProcess(Path executable, Map<String, String> environment, List<String> wrapper) {
    this.executable = executable;
    this.environment = Map.copyOf(environment);
    this.wrapper = List.copyOf(wrapper);
  }

  /** Runs {@code kv <args...>} and returns what the kubelet would see. */
  public DriverReply run(String... args) {
    return runKilledAfter(null, args);
  }

  /**
   * Runs {@code kv <args...>}, and when {@code killAfter} is not null kills it with SIGKILL after
   * that long, with every process it started (the JVM, a mount tool), then waits for them all.
   */
  public DriverReply runKilledAfter(Duration killAfter, String... args) {
    List<String> argv = new ArrayList<>(wrapper);
    argv.add(executable.toString());
    argv.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(environment);
    long start = System.nanoTime();
    Path output = null;
    try {
      // A file, not a pipe: a driver that hangs must not block the read, only the wait below.
      output = Files.createTempFile("kv-reply", ".txt");
      pb.redirectOutput(output.toFile());
      Process process = pb.start();
      process.getOutputStream().close();
      if (killAfter != null && !process.waitFor(killAfter.toMillis(), TimeUnit.MILLISECONDS)) {
        killTree(process.toHandle());
      }
      if (!process.waitFor(HANG_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "kv " + args[0] + " did not finish within " + HANG_LIMIT + "; the kubelet would hang");
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      String text = Files.readString(output, StandardCharsets.UTF_8);
      return DriverReply.of(process.exitValue(), text, took);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + executable, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while kv ran", e);
    } finally {
      if (output != null) {
        try {
          Files.deleteIfExists(output);
        } catch (IOException ignored) {
          // a leftover temp file is harmless
        }
      }
    }
  }

  /** SIGKILL to the process and all its descendants at once, then waits until all are gone. */
  private static void killTree(ProcessHandle root) throws InterruptedException {
    List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
    all.add(root);
    all.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle h : all) {
      try {
        h.onExit().get(HANG_LIMIT.toSeconds(), TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("process " + h.pid() + " survived SIGKILL", e);
      }
    }
  }
}
