package io.kvflex.kvctl.cli;

import io.kvflex.kvctl.CliContext;
import picocli.CommandLine.Option;

/**
 * {@code --color[=auto|always|never]} for commands that colour their output; {@code --no-color} is
 * kept as a hidden synonym of {@code --color=never}. {@code auto} (the default) colours only a
 * terminal, never with {@code NO_COLOR} set or {@code TERM=dumb}; an explicit {@code always} wins
 * over both (no-color.org: flags override the variable).
 */
public final class ColorOption {
  /** When to colour. */
  public enum When {
    auto,
    always,
    never
  }

  @Option(
      names = "--color",
      order = 6,
      paramLabel = "WHEN",
      arity = "0..1",
      fallbackValue = "always",
      defaultValue = "auto",
      description =
          "Colour the output: auto (default: only on a terminal, not with NO_COLOR or"
              + " TERM=dumb), always, never.")
  When when = When.auto;

  @Option(names = "--no-color", hidden = true, description = "Same as --color=never.")
  boolean noColor;

  /** Whether output written to a stream (terminal or not, per {@code ctx}) gets colour. */
  public boolean colour(CliContext ctx) {
    if (noColor) {
      return false;
    }
    return switch (when) {
      case always -> true;
      case never -> false;
      case auto -> ctx.colour();
    };
  }
}
