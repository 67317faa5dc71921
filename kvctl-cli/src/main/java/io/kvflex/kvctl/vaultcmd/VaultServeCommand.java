package io.kvflex.kvctl.vaultcmd;

import io.kvflex.kvctl.CliContext;
import io.kvflex.localvault.LocalVault;
import io.kvflex.localvault.LocalVaultConfig;
import io.kvflex.localvault.seed.SeedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kvctl vault serve}: starts localvault (a Key Vault-compatible HTTPS server with Entra ID,
 * IMDS and NMI token endpoints) from a seed file, writes the cloud environment and hosts files
 * clients need, logs every request (never a value) to stderr, and runs until interrupted.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Starts localvault from a seed file (default: the built-in demo seed), prints how to reach"
          + " it, logs requests (never values) to stderr and runs until Ctrl-C.",
      "Seed format: localvault/examples/seed.yaml."
    })
public final class VaultServeCommand implements Callable<Integer> {
  private final CliContext ctx;
  private final Consumer<LocalVault> untilStopped;

  @Option(names = "--seed", paramLabel = "FILE", description = "Seed YAML (default: demo seed).")
  Optional<Path> seed = Optional.empty();

  @Option(
      names = "--https-port",
      paramLabel = "N",
      description = "Vault/Entra HTTPS port (0 = any).")
  int httpsPort;

  @Option(names = "--imds-port", paramLabel = "N", description = "IMDS port (0 = any).")
  int imdsPort;

  @Option(names = "--nmi-port", paramLabel = "N", description = "NMI port (0 = any).")
  int nmiPort;

  @Option(names = "--admin-port", paramLabel = "N", description = "Admin API port (0 = any).")
  int adminPort;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String bind = "127.0.0.1";

  @Option(
      names = "--env-out",
      paramLabel = "FILE",
      description = "Write the cloud environment file here (default: a temporary file).")
  Optional<Path> envOut = Optional.empty();

  @Option(
      names = "--hosts-out",
      paramLabel = "FILE",
      description =
          "Write the hosts file (for KVFLEX_HOSTS_FILE) here (default: a temporary file).")
  Optional<Path> hostsOut = Optional.empty();

  @Option(names = "--quiet", description = "Do not log requests.")
  boolean quiet;

  public VaultServeCommand(CliContext ctx) {
    this(ctx, VaultServeCommand::awaitShutdown);
  }

  /** With what to do while serving (tests: exercise the server, then return). */
  VaultServeCommand(CliContext ctx, Consumer<LocalVault> untilStopped) {
    this.ctx = ctx;
    this.untilStopped = untilStopped;
  }

  @Override
  public Integer call() throws IOException {
    LocalVaultConfig config;
    try {
      config =
          seed.map(s -> LocalVaultConfig.fromSeedFile(ctx.workingDir().resolve(s)))
              .orElseGet(LocalVaultConfig::demo)
              .withPorts(httpsPort, imdsPort, nmiPort, adminPort)
              .withBindAddress(bind);
    } catch (SeedException e) {
      ctx.err().println("kvctl vault serve: " + e.getMessage());
      return 3;
    }
    if (!quiet) {
      config = config.withRequestLog(ctx.err());
    }
    Path scratch = null;
    if (envOut.isEmpty() || hostsOut.isEmpty()) {
      scratch = Files.createTempDirectory("kvflex-vault-");
    }
    Path env = ctx.workingDir().resolve(envOut.orElse(resolveIn(scratch, "cloud-env.json")));
    Path hosts = ctx.workingDir().resolve(hostsOut.orElse(resolveIn(scratch, "hosts")));
    LocalVault vault;
    try {
      vault = LocalVault.start(config);
    } catch (UncheckedIOException | IllegalArgumentException e) {
      ctx.err().println("kvctl vault serve: cannot start: " + e.getMessage());
      return 3;
    }
    try (vault) {
      vault.writeCloudEnvironment(env);
      vault.writeHostsFile(hosts);
      printReady(vault, env, hosts);
      untilStopped.accept(vault);
    } finally {
      if (scratch != null) {
        Files.deleteIfExists(env);
        Files.deleteIfExists(hosts);
        Files.deleteIfExists(scratch);
      }
    }
    return 0;
  }

  private static Path resolveIn(Path dir, String name) {
    return dir == null ? Path.of(name) : dir.resolve(name);
  }

  private void printReady(LocalVault vault, Path env, Path hosts) {
    var out = ctx.out();
    out.println("localvault is serving (Ctrl-C to stop)");
    for (String name : vault.vaultNames()) {
      out.println("  vault        " + name + "  " + vault.vaultUrl(name));
    }
    out.println("  tenant       " + vault.tenantId());
    out.println("  entra id     " + vault.authorityHost());
    out.println("  imds / nmi   " + vault.imdsEndpoint() + "  " + vault.nmiEndpoint());
    out.println("  cloud env    " + env + "   (kvctl fetch --cloud-env, option cloudenvfilename)");
    out.println("  hosts file   " + hosts + "   (KVFLEX_HOSTS_FILE for kvctl and the driver)");
    out.println();
    out.println(
        "try: KVFLEX_HOSTS_FILE="
            + hosts
            + " ./kvctl fetch -f <pod.yaml> --secret-file"
            + " <secret.yaml> --cloud-env "
            + env);
    out.flush();
  }

  /**
   * Blocks until the JVM shuts down (Ctrl-C, SIGTERM); the vault is closed by try-with-resources.
   */
  private static void awaitShutdown(LocalVault vault) {
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  vault.close();
                  stop.countDown();
                },
                "kvctl-vault-stop"));
    try {
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
