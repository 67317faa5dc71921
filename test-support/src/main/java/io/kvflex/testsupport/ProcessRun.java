package io.kvflex.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of a built artifact (a launcher, a script, the driver) as a user or the kubelet runs it:
 * argv without a shell, stdin closed, the output captured in files rather than pipes, so a chatty
 * or hanging child never blocks the test; a child that outlives its timeout is killed (with its
 * descendants) and reported as {@link TimedOut}.
 *
 * @param exitCode the exit code
 * @param stdout stdout, or stdout and stderr together when {@link Spec#mergeStderr()} asked for it
 * @param stderr stderr (empty when merged)
 */
public record ProcessRun(int exitCode, String stdout, String stderr) {

  /** Runs {@code command} in {@code dir} with {@code env} added to this JVM's environment. */
  public static ProcessRun run(Path dir, Map<String, String> env, List<String> command)
      throws IOException, InterruptedException {
    return run(dir, env, command, 600);
  }

  /** As {@link #run(Path, Map, List)}, killed after {@code timeoutSeconds}. */
  public static ProcessRun run(
      Path dir, Map<String, String> env, List<String> command, long timeoutSeconds)
      throws IOException, InterruptedException {
    return of(command).in(dir).env(env).timeout(Duration.ofSeconds(timeoutSeconds)).run();
  }

  /** A run to configure: this JVM's working directory and environment, a 600 s timeout. */
  public static Spec of(List<String> command) {
    return new Spec(command);
  }

  /** For assertion messages. */
  public String describe() {
    return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
  }

  /**
   * The repository root: {@code -Dkvflex.root} (the kvctl-cli pom hands it to Failsafe), else the
   * parent of the module directory tests run in.
   */
  public static Path repoRoot() {
    String root = System.getProperty("kvflex.root");
    Path p = root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
    return p.toAbsolutePath().normalize();
  }

  /** The child did not finish within its timeout; it and its descendants were killed. */
  public static final class TimedOut extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    TimedOut(String message) {
      super(message);
    }
  }

  /** How to run one command. */
  public static final class Spec {
    private final List<String> command;
    private Path dir;
    private final Map<String, String> env = new HashMap<>();
    private boolean cleanEnv;
    private boolean merge;
    private Duration timeout = Duration.ofSeconds(600);

    private Spec(List<String> command) {
      this.command = List.copyOf(command);
    }

    /** The working directory. */
    public Spec in(Path dir) {
      this.dir = dir;
      return this;
    }

    /** Variables added to (or, after {@link #cleanEnv()}, making up) the environment. */
    public Spec env(Map<String, String> vars) {
      env.putAll(vars);
      return this;
    }

    /** Nothing of this JVM's environment leaks in: the child gets only {@link #env(Map)}. */
    public Spec cleanEnv() {
      this.cleanEnv = true;
      return this;
    }

    /** stdout and stderr in one stream, as the kubelet reads a driver. */
    public Spec mergeStderr() {
      this.merge = true;
      return this;
    }

    public Spec timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public ProcessRun run() throws IOException, InterruptedException {
      Path out = Files.createTempFile("run-out", ".txt");
      Path err = Files.createTempFile("run-err", ".txt");
      try {
        ProcessBuilder pb =
            new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        if (merge) {
          pb.redirectErrorStream(true);
        } else {
          pb.redirectError(err.toFile());
        }
        if (dir != null) {
          pb.directory(dir.toFile());
        }
        if (cleanEnv) {
          pb.environment().clear();
        }
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
          throw new TimedOut(
              command + " did not finish in " + timeout.toSeconds() + " s; output: " + read(out));
        }
        return new ProcessRun(p.exitValue(), read(out), read(err));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    }

    /** {@link #run()} for callers that cannot throw checked exceptions. */
    public ProcessRun runUnchecked() {
      try {
        return run();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot run " + command, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while " + command + " ran", e);
      }
    }

    private static String read(Path p) throws IOException {
      return Files.readString(p, StandardCharsets.UTF_8);
    }
  }
}
