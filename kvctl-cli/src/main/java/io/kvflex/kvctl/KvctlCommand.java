package io.kvflex.kvctl;

import io.kvflex.errors.KvflexException;
import io.kvflex.kvctl.cli.CliContext;
import io.kvflex.kvctl.cli.ExitCodes;
import io.kvflex.kvctl.cli.VersionProvider;
import io.kvflex.kvctl.manifest.UnreadableInputException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code kvctl} root command and kvctl's composition root: it registers every command and
 * configures the command line; no command refers back to it (their shared vocabulary is {@code
 * io.kvflex.kvctl.cli}). Exit codes and their help: {@link ExitCodes}.
 */
@Command(
    name = "kvctl",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Checks azure/kv FlexVolume manifests, access and fetches before a pod ever starts.",
      ""
    },
    footerHeading = "%n",
    footer = {
      "Inputs are named as in kubectl: -f/--filename FILE (repeatable, - for standard input);",
      "formats with -o/--output; a report file with --output-file. Run 'kvctl COMMAND --help'."
    })
public final class KvctlCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "missing command: lint, fetch, check-access, vault serve, demo, ... (all in 'kvctl"
            + " --help')");
  }

  /** Runs kvctl with {@code args} in {@code ctx} and returns the exit code (never exits). */
  public static int run(CliContext ctx, String... args) {
    return commandLine(ctx).execute(args);
  }

  /** The configured command line; subcommands are registered here, one line each. */
  public static CommandLine commandLine(CliContext ctx) {
    CommandLine cl = new CommandLine(new KvctlCommand());
    // Subcommands (one line each; keep the order of `kvctl --help`).
    cl.addSubcommand(new io.kvflex.kvctl.lint.LintCommand(ctx));
    cl.addSubcommand(new io.kvflex.kvctl.lint.RulesCommand(ctx));
    cl.addSubcommand(new io.kvflex.kvctl.access.CheckAccessCommand(ctx));
    cl.addSubcommand(new io.kvflex.kvctl.fetch.FetchCommand(ctx));
    cl.addSubcommand("vault", new io.kvflex.kvctl.vaultcmd.VaultCommand(ctx).commandLine());
    cl.addSubcommand(new io.kvflex.kvctl.demo.DemoCommand(ctx, KvctlCommand::commandLine));
    cl.addSubcommand(new io.kvflex.kvctl.cli.VersionCommand(ctx));
    cl.addSubcommand(new io.kvflex.kvctl.cli.CompletionCommand(ctx));
    // The old name of `completion`, for one release; hidden from help and completion.
    CommandLine oldCompletion = new CommandLine(new io.kvflex.kvctl.cli.CompletionCommand(ctx));
    oldCompletion.getCommandSpec().usageMessage().hidden(true);
    cl.addSubcommand("generate-completion", oldCompletion);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler(new io.kvflex.kvctl.cli.UsageErrors());
    ExitCodes.document(cl);
    cl.setOut(new PrintWriter(ctx.out(), true, StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(ctx.err(), true, StandardCharsets.UTF_8));
    cl.setColorScheme(
        CommandLine.Help.defaultColorScheme(
            ctx.colour() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          int code = ExitCodes.of(e);
          commandLine.getErr().println("kvctl: " + messageOf(e));
          if (ctx.env().containsKey("KVCTL_DEBUG")) {
            e.printStackTrace(commandLine.getErr());
          }
          commandLine.getErr().flush();
          return code;
        });
    return cl;
  }

  private static String messageOf(Exception e) {
    if (e instanceof UnreadableInputException || e instanceof KvflexException) {
      return e.getMessage();
    }
    return "internal error ("
        + e.getClass().getSimpleName()
        + "): "
        + e.getMessage()
        + "; please report it (set KVCTL_DEBUG=1 for the stack trace)";
  }
}
