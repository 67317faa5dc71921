package io.kvflex.kvctl.cli;

import java.util.Stack;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
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
      defaultValue = "auto",
      parameterConsumer = WhenConsumer.class,
      description =
          "Colour the output: auto (default: only on a terminal, not with NO_COLOR or"
              + " TERM=dumb), always, never.")
  When when = When.auto;

  @Option(names = "--no-color", hidden = true, description = "Same as --color=never.")
  boolean noColor;

  /**
   * Takes the next argument only when it is a WHEN: {@code --color deploy/} means "always" and
   * lints deploy/, instead of refusing "deploy/" as a colour mode.
   */
  static final class WhenConsumer implements IParameterConsumer {
    @Override
    public void consumeParameters(Stack<String> args, ArgSpec arg, CommandSpec command) {
      When when = When.always;
      if (!args.isEmpty()) {
        try {
          when = When.valueOf(args.peek().toLowerCase(java.util.Locale.ROOT));
          args.pop();
        } catch (IllegalArgumentException notAWhen) {
          // Leave it for the next option or parameter.
        }
      }
      arg.setValue(when);
    }
  }

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
