package io.kvflex.kvctl.vaultcmd;

import io.kvflex.kvctl.cli.CliContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kvctl vault}: a local Key Vault for development and CI (see {@code vault serve}). */
@Command(
    name = "vault",
    mixinStandardHelpOptions = true,
    description = "A local Key Vault (localvault) for development, CI and demos.")
public final class VaultCommand implements Runnable {
  @Spec private CommandSpec spec;

  public VaultCommand(CliContext ctx) {
    // The subcommand is added here so the root registers `vault` with one line.
    this.serve = new VaultServeCommand(ctx);
  }

  private final VaultServeCommand serve;

  /** For the root command: {@code vault} with its {@code serve} subcommand. */
  public CommandLine commandLine() {
    return new CommandLine(this).addSubcommand(serve);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing command: serve ('kvctl vault serve --help')");
  }
}
