package io.kvflex.kvctl.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code -o/--output table|json} of the commands that print a table for people or JSON for
 * machines; {@code --format} is the hidden old spelling.
 */
public final class TableOrJsonOption {
  /** Output formats. */
  public enum Format {
    table,
    json
  }

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = {"-o", "--output"},
      order = 2,
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format = Format.table;

  // Its own field: picocli applies -o's default after parsing, which would undo an assignment.
  private Format oldFormat;

  @Option(names = "--format", hidden = true, paramLabel = "FORMAT")
  void oldFormat(Format f) {
    OldSpelling.note(command, "--format", "-o/--output");
    this.oldFormat = f;
  }

  /** {@code -o}, else the old {@code --format}, else table. */
  public Format format() {
    boolean explicit =
        command.commandLine().getParseResult() != null
            && command.commandLine().getParseResult().hasMatchedOption("--output");
    return oldFormat != null && !explicit ? oldFormat : format;
  }
}
