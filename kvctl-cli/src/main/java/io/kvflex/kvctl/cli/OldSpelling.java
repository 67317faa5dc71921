package io.kvflex.kvctl.cli;

import picocli.CommandLine.Model.CommandSpec;

/**
 * Options renamed for the kubectl-style vocabulary ({@code -f/--filename}, {@code -o/--output},
 * {@code --output-file}) keep their old spelling as a hidden alias for one release; using one
 * prints a one-line note on standard error so scripts get fixed before the alias goes.
 */
public final class OldSpelling {
  private OldSpelling() {}

  /** Prints the note for {@code old} (now {@code now}) on the command's error stream. */
  public static void note(CommandSpec command, String old, String now) {
    command
        .commandLine()
        .getErr()
        .println(
            "kvctl "
                + command.name()
                + ": note: "
                + old
                + " is deprecated and will be removed in the next release; use "
                + now);
    command.commandLine().getErr().flush();
  }
}
