package io.kvflex.kvctl.cli;

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
 * @param env environment variables ({@code NO_COLOR}, {@code TERM}, ...)
 * @param workingDir where relative paths resolve and {@code .kvctl.yaml} is looked up
 * @param terminal whether standard output is an interactive terminal (colour is only used then)
 * @param errTerminal whether standard error is an interactive terminal (progress lines are only
 *     drawn then)
 */
public record CliContext(
    InputStream in,
    PrintStream out,
    PrintStream err,
    Map<String, String> env,
    Path workingDir,
    boolean terminal,
    boolean errTerminal) {

  public CliContext {
    Objects.requireNonNull(in);
    Objects.requireNonNull(out);
    Objects.requireNonNull(err);
    env = Map.copyOf(env);
    Objects.requireNonNull(workingDir);
  }

  /** A context whose standard error is a terminal exactly when standard output is. */
  public CliContext(
      InputStream in,
      PrintStream out,
      PrintStream err,
      Map<String, String> env,
      Path workingDir,
      boolean terminal) {
    this(in, out, err, env, workingDir, terminal, terminal);
  }

  /**
   * The real process: System streams and environment, the current directory. The root {@code
   * ./kvctl} launcher tests each stream with {@code [ -t N ]} and passes the answer as {@code
   * -Dkvctl.stdout.tty} / {@code -Dkvctl.stderr.tty} (Java 17 cannot tell them apart); without the
   * launcher, {@link System#console()} decides for both.
   */
  public static CliContext system() {
    boolean console = System.console() != null;
    return new CliContext(
        System.in,
        System.out,
        System.err,
        System.getenv(),
        Path.of("").toAbsolutePath(),
        tty("kvctl.stdout.tty", console),
        tty("kvctl.stderr.tty", console));
  }

  private static boolean tty(String property, boolean fallback) {
    String v = System.getProperty(property);
    return v == null ? fallback : Boolean.parseBoolean(v);
  }

  /**
   * Colour only on a terminal that can show it: never when {@code NO_COLOR} is set (any value, see
   * no-color.org) or {@code TERM=dumb}.
   */
  public boolean colour() {
    return terminal && !env.containsKey("NO_COLOR") && !"dumb".equals(env.get("TERM"));
  }

  /** Whether a live status line may be drawn on standard error. */
  public boolean statusLine() {
    return errTerminal && !"dumb".equals(env.get("TERM"));
  }
}
