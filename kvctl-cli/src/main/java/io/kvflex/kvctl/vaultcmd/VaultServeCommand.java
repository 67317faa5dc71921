package io.kvflex.kvctl.vaultcmd;

import io.kvflex.errors.LocalWriteException;
import io.kvflex.kvctl.cli.CliContext;
import io.kvflex.kvctl.manifest.IoErrors;
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
      names = "--dir",
      paramLabel = "DIR",
      description =
          "Write the cloud environment, hosts and sample files (pod.yaml, secret.yaml) into DIR"
              + " and keep them (default: a temporary directory, removed when it stops).")
  Optional<Path> dir = Optional.empty();

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
    Path home;
    if (dir.isPresent()) {
      home = ctx.workingDir().resolve(dir.get()).toAbsolutePath();
      try {
        Files.createDirectories(home);
      } catch (IOException e) {
        throw new LocalWriteException(
            "cannot create --dir " + dir.get() + ": " + IoErrors.reason(home, dir.get(), e), e);
      }
    } else {
      try {
        scratch = Files.createTempDirectory("kvflex-vault-");
      } catch (IOException e) {
        throw new LocalWriteException(
            "cannot create a temporary directory for the served files (java.io.tmpdir): "
                + e.getMessage()
                + "; give one with --dir",
            e);
      }
      home = scratch;
    }
    Path env = ctx.workingDir().resolve(envOut.orElse(home.resolve("cloud-env.json")));
    Path hosts = ctx.workingDir().resolve(hostsOut.orElse(home.resolve("hosts")));
    LocalVault vault;
    try {
      vault = LocalVault.start(config);
    } catch (UncheckedIOException | IllegalArgumentException e) {
      ctx.err().println("kvctl vault serve: cannot start: " + e.getMessage());
      return 3;
    }
    try (vault) {
      Optional<SampleFiles> samples;
      try {
        vault.writeCloudEnvironment(env);
        vault.writeHostsFile(hosts);
        samples = SampleFiles.write(home, config.seed(), vault.tenantId(), env.toAbsolutePath());
      } catch (UncheckedIOException e) {
        // "cannot write FILE: reason": the files clients need; without them serving is pointless.
        throw new LocalWriteException(e.getMessage(), e);
      }
      printReady(vault, env, hosts, samples, scratch != null);
      untilStopped.accept(vault);
    } finally {
      if (scratch != null) {
        io.kvflex.mount.TreeRemover.remove(scratch);
      }
    }
    return 0;
  }

  private void printReady(
      LocalVault vault, Path env, Path hosts, Optional<SampleFiles> samples, boolean temporary) {
    var out = ctx.out();
    out.println("localvault is serving (Ctrl-C to stop)");
    for (String name : vault.vaultNames()) {
      out.println("  vault        " + name + "  " + vault.vaultUrl(name));
    }
    out.println("  tenant       " + vault.tenantId());
    out.println("  entra id     " + vault.authorityHost());
    out.println("  imds / nmi   " + vault.imdsEndpoint() + "  " + vault.nmiEndpoint());
    out.println("  arm / graph  " + vault.resourceManagerUrl() + "  " + vault.microsoftGraphUrl());
    out.println();
    out.println(
        temporary
            ? "Files (removed when it stops; --dir DIR keeps them):"
            : "Files (kept when it stops):");
    out.println("  " + env + "   cloud environment (--cloud-env, option cloudenvfilename)");
    out.println("  " + hosts + "   vault host names (KVFLEX_HOSTS_FILE)");
    samples.ifPresent(
        s -> {
          out.println(
              "  "
                  + s.pod()
                  + "   a pod reading "
                  + s.objects()
                  + " object(s) of "
                  + s.vault()
                  + " as "
                  + s.principal());
          s.secret()
              .ifPresent(
                  f ->
                      out.println(
                          "  "
                              + f
                              + "   Secret kvcreds (type azure/kv): "
                              + s.principal()
                              + "'s credentials"));
        });
    samples.ifPresent(
        s -> {
          String files = " -f " + s.pod() + s.secret().map(f -> " -f " + f).orElse("");
          String kvctl = kvctlCommand();
          out.println();
          out.println("Try, in another terminal:");
          out.println("  export KVFLEX_HOSTS_FILE=" + hosts);
          out.println("  " + kvctl + " lint" + files);
          out.println("  " + kvctl + " check-access" + files);
          out.println("  " + kvctl + " fetch" + files);
          out.println("  " + kvctl + " fetch" + files + " --show-values");
        });
    out.flush();
  }

  /** How to run kvctl from anywhere: the root launcher's absolute path when it started us. */
  static String kvctlCommand() {
    String home = System.getProperty("kvflex.home");
    return home == null || home.isBlank() ? "kvctl" : Path.of(home, "kvctl").toString();
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
