package io.kvflex.localvault;

import io.kvflex.localvault.seed.SeedException;
import io.kvflex.localvault.seed.SeedLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -cp ... io.kvflex.localvault.Main --seed FILE --https-port N --env-out FILE
 * --hosts-out FILE}: starts localvault, prints one ready line, logs requests (never values) to
 * stderr and stops on SIGINT/SIGTERM.
 */
public final class Main {
  static final int OK = 0;
  static final int USAGE = 2;
  static final int CANNOT_START = 3;

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    LocalVault[] started = new LocalVault[1];
    int code = start(args, System.out, System.err, started);
    if (code != OK) {
      System.exit(code);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  started[0].close();
                  stopped.countDown();
                }));
    stopped.await();
  }

  /** Parses, starts and announces; the started server is put in {@code started[0]}. */
  static int start(String[] args, PrintStream out, PrintStream err, LocalVault[] started) {
    MainOptions o;
    try {
      o = MainOptions.parse(args);
    } catch (MainOptions.UsageException e) {
      if (!e.getMessage().isEmpty()) {
        err.println("localvault: " + e.getMessage());
      }
      err.println(MainOptions.USAGE);
      return e.getMessage().isEmpty() ? OK : USAGE;
    }
    try {
      LocalVaultConfig config =
          (o.seed().isPresent()
                  ? LocalVaultConfig.of(SeedLoader.load(o.seed().get()))
                  : LocalVaultConfig.demo())
              .withPorts(o.httpsPort(), o.imdsPort(), o.nmiPort(), o.adminPort())
              .withBindAddress(o.bindAddress());
      if (o.caCert().isPresent()) {
        config =
            config.withCa(
                Files.readString(o.caCert().get(), StandardCharsets.UTF_8),
                Files.readString(o.caKey().get(), StandardCharsets.UTF_8));
      }
      if (!o.quiet()) {
        config = config.withRequestLog(err);
      }
      LocalVault lv = LocalVault.start(config);
      started[0] = lv;
      o.envOut().ifPresent(lv::writeCloudEnvironment);
      o.hostsOut().ifPresent(lv::writeHostsFile);
      out.println(readyLine(lv, o));
      out.flush();
      return OK;
    } catch (SeedException e) {
      err.println("localvault: " + e.getMessage());
      return CANNOT_START;
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      err.println("localvault: cannot start: " + e.getMessage());
      return CANNOT_START;
    }
  }

  static String readyLine(LocalVault lv, MainOptions o) {
    return "localvault ready https="
        + lv.httpsPort()
        + " imds="
        + lv.imdsPort()
        + " nmi="
        + lv.nmiPort()
        + " admin="
        + lv.adminPort()
        + " tenant="
        + lv.tenantId()
        + " authority="
        + lv.authorityHost()
        + " vaults="
        + String.join(",", lv.vaultNames())
        + o.envOut().map(p -> " env=" + p).orElse("")
        + o.hostsOut().map(p -> " hosts=" + p).orElse("");
  }
}
