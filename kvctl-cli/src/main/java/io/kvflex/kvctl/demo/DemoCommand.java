package io.kvflex.kvctl.demo;

import io.kvflex.kvctl.cli.CliContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kvctl demo}: see {@link Demo}. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the whole product on a local Key Vault, no Azure account needed: starts localvault"
          + " with a built-in seed, lints deployment/examples, dry-runs a fetch of one, mounts it"
          + " through the built driver exactly as the kubelet would (a tmpfs when run as root),"
          + " lists the files, unmounts and stops. Cleans up on Ctrl-C."
    })
public final class DemoCommand implements Callable<Integer> {
  private final CliContext ctx;
  private final Function<CliContext, CommandLine> kvctl;

  @Option(
      names = "--keep",
      paramLabel = "DIR",
      description =
          "Keep a sample pod manifest and its Secret (the demo vault's credentials) in DIR;"
              + " kvctl vault serve --dir DIR serves the demo vault again for them.")
  Optional<Path> keep = Optional.empty();

  /**
   * @param kvctl builds kvctl's whole command line in a context (the root's, handed in so the demo
   *     runs {@code kvctl lint} in-process without depending on the package that registers it)
   */
  public DemoCommand(CliContext ctx, Function<CliContext, CommandLine> kvctl) {
    this.ctx = ctx;
    this.kvctl = kvctl;
  }

  @Override
  public Integer call() {
    Workspace ws = Workspace.create();
    Thread hook = new Thread(ws::cleanUp, "kvctl-demo-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      DemoHome home =
          DemoHome.locate(Optional.ofNullable(System.getProperty("kvflex.home")), ctx.workingDir());
      return new Demo(
              ctx,
              kvctl,
              home,
              Clock.systemUTC(),
              Demo.runningAsRoot(),
              keep.map(ctx.workingDir()::resolve).map(Path::toAbsolutePath))
          .run(ws);
    } catch (DemoException e) {
      ctx.out().println();
      ctx.err().println("kvctl demo: " + e.getMessage());
      return 1;
    } finally {
      ws.cleanUp();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is running (or ran) the same idempotent cleanup.
      }
    }
  }
}
