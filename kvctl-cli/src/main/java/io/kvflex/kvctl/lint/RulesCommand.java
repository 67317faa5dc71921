package io.kvflex.kvctl.lint;

import io.kvflex.kvctl.cli.CliContext;
import io.kvflex.kvctl.cli.OldSpelling;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kvctl rules}: lists the lint rules; {@code -o markdown} is docs/rules.md. */
@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the lint rules: id, severity and what each checks.",
      "-o markdown prints the documentation page committed as docs/rules.md."
    })
public final class RulesCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec private CommandSpec spec;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "plain",
      description = "plain (default), markdown or json.")
  private String format;

  @Option(
      names = {"-f", "--format"},
      hidden = true,
      paramLabel = "FORMAT")
  void oldFormat(String value) {
    OldSpelling.note(spec, "-f/--format", "-o/--output");
    format = value;
  }

  public RulesCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    String text =
        switch (format.trim().toLowerCase(java.util.Locale.ROOT)) {
          case "plain" -> RulesDoc.plain();
          case "markdown", "md" -> RulesDoc.markdown();
          case "json" -> RulesDoc.json();
          default ->
              throw new CommandLine.ParameterException(
                  spec.commandLine(),
                  "-o/--output must be plain, markdown or json, not '" + format + "'");
        };
    ctx.out().print(text);
    ctx.out().flush();
    return 0;
  }
}
