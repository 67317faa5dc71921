package io.kvflex.kvctl.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kvctl completion bash|zsh|fish|powershell}, as {@code kubectl completion}. bash and zsh
 * get picocli's generated script (it loads bashcompinit under zsh); fish gets a script built from
 * the same command model ({@link FishCompletion}); PowerShell is refused with the reason, never
 * answered with a script for another shell.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Prints a shell completion script.",
      "  bash:  source <(kvctl completion bash)",
      "  zsh:   source <(kvctl completion zsh)",
      "  fish:  kvctl completion fish > ~/.config/fish/completions/kvctl.fish"
    })
public final class CompletionCommand implements Callable<Integer> {
  /** The shells asked for. */
  enum Shell {
    bash,
    zsh,
    fish,
    powershell
  }

  private final CliContext ctx;

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "SHELL",
      defaultValue = "bash",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Shell shell = Shell.bash;

  public CompletionCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    CommandLine root = spec.root().commandLine();
    String name = spec.root().name();
    String script =
        switch (shell) {
          case bash, zsh -> AutoComplete.bash(name, root);
          case fish -> FishCompletion.script(root.getCommandSpec());
          case powershell ->
              throw new CommandLine.ParameterException(
                  spec.commandLine(),
                  "PowerShell completion is not provided: kvctl and the driver run on Linux nodes;"
                      + " use bash, zsh or fish");
        };
    ctx.out().print(script);
    ctx.out().flush();
    return 0;
  }
}
