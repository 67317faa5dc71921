package io.kvflex.kvctl;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The world a kvctl command runs in, injected so tests drive commands through {@link
 * KvctlCommand#run} with their own streams, environment and directory.
 *
 * @param in standard input ({@code kvctl lint -})
 * @param out standard output
 * @param err standard error
 * @param env environment variables ({@code NO_COLOR}, ...)
 * @param workingDir where relative paths resolve and {@code .kvctl.yaml} is looked up
 * @param terminal whether standard output is an interactive terminal (colour is only used then)
 */
public record CliContext(
    InputStream in,
    PrintStream out,
    PrintStream err,
    Map<String, String> env,
    Path workingDir,
    boolean terminal) {

  public CliContext {
    Objects.requireNonNull(in);
    Objects.requireNonNull(out);
    Objects.requireNonNull(err);
    env = Map.copyOf(env);
    Objects.requireNonNull(workingDir);
  }

  /** The real process: System streams and environment, the current directory. */
  public static CliContext system() {
    return new CliContext(
        System.in,
        System.out,
        System.err,
        System.getenv(),
        Path.of("").toAbsolutePath(),
        System.console() != null);
  }

  /**
   * Colour only on a terminal, never when {@code NO_COLOR} is set (any value, see no-color.org).
   */
  public boolean colour() {
    return terminal && !env.containsKey("NO_COLOR");
  }
}
