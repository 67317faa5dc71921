package io.kvflex.localvault.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * The four listeners: HTTPS (vaults, login, management hosts, chosen by Host header), IMDS, NMI and
 * admin (plain HTTP, loopback). Handlers run on bounded thread pools; no request can stop a server.
 */
public final class Servers implements AutoCloseable {
  /** Requested ports (0 = any free port) and the address to bind. */
  public record Ports(String bindAddress, int https, int imds, int nmi, int admin) {}

  private final HttpsServer https;
  private final HttpServer imds;
  private final HttpServer nmi;
  private final HttpServer admin;
  private final ExecutorService vaultPool;
  private final ExecutorService sidePool;

  private Servers(
      HttpsServer https,
      HttpServer imds,
      HttpServer nmi,
      HttpServer admin,
      ExecutorService vaultPool,
      ExecutorService sidePool) {
    this.https = https;
    this.imds = imds;
    this.nmi = nmi;
    this.admin = admin;
    this.vaultPool = vaultPool;
    this.sidePool = sidePool;
  }

  public static Servers start(ServerState state, SSLContext ssl, Ports ports, RequestLog log) {
    ExecutorService vaultPool = Executors.newFixedThreadPool(32, daemon("localvault-https"));
    ExecutorService sidePool = Executors.newFixedThreadPool(8, daemon("localvault-side"));
    HttpsServer https = null;
    try {
      InetAddress bind = InetAddress.getByName(ports.bindAddress());
      https = HttpsServer.create(new InetSocketAddress(bind, ports.https()), 256);
      https.setHttpsConfigurator(new HttpsConfigurator(ssl));
      HttpServer imds = HttpServer.create(new InetSocketAddress(bind, ports.imds()), 64);
      HttpServer nmi = HttpServer.create(new InetSocketAddress(bind, ports.nmi()), 64);
      HttpServer admin =
          HttpServer.create(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), ports.admin()), 16);
      Servers servers = new Servers(https, imds, nmi, admin, vaultPool, sidePool);
      FrontDoor front = new FrontDoor(state, servers::httpsPort);
      ManagedIdentityRoutes mi =
          new ManagedIdentityRoutes(
              state.directory(), state.tokens(), state.bindings(), state.hosts(), state.faults());
      AdminRoutes adminRoutes = new AdminRoutes(state);
      https.createContext("/", guarded(state, log, front::handle));
      imds.createContext("/", guarded(state, log, mi::imds));
      nmi.createContext("/", guarded(state, log, mi::nmi));
      admin.createContext("/", guarded(state, log, adminRoutes::handle));
      https.setExecutor(vaultPool);
      imds.setExecutor(sidePool);
      nmi.setExecutor(sidePool);
      admin.setExecutor(sidePool);
      https.start();
      imds.start();
      nmi.start();
      admin.start();
      return servers;
    } catch (IOException e) {
      if (https != null) {
        https.stop(0);
      }
      vaultPool.shutdownNow();
      sidePool.shutdownNow();
      throw new UncheckedIOException("cannot listen: " + e.getMessage(), e);
    }
  }

  /** A handler body that may throw. */
  interface Route {
    void handle(Exchange ex) throws IOException;
  }

  /** Counts, logs and shields: any failure becomes a 500 with a JSON body, never a dead server. */
  private static HttpHandler guarded(ServerState state, RequestLog log, Route route) {
    return (HttpExchange http) -> {
      long start = System.nanoTime();
      Exchange ex = new Exchange(http);
      // Counted and logged just before the answer leaves: a client that reads the counts or the
      // log right after its call must find its own request there (logging after the answer was a
      // race: MainTest read the log before the handler thread had written the line).
      ex.beforeAnswer(
          () -> {
            if (!ex.operation().equals("admin")) {
              state
                  .counter()
                  .record(ex.operation(), ex.vault(), ex.object(), ex.identity(), ex.status());
            }
            log.log(ex, ex.host(), (System.nanoTime() - start) / 1000);
          });
      try {
        route.handle(ex);
      } catch (IOException e) {
        // the client went away mid-answer; nothing more to say to it
      } catch (RuntimeException e) {
        if (ex.status() == 0 && !ex.aborted()) {
          try {
            ex.sendJson(
                500,
                KvErrors.body(
                    "InternalError",
                    "localvault failed to process the request: " + e.getClass().getSimpleName(),
                    Optional.empty()));
          } catch (IOException | RuntimeException ignored) {
            // the response could not be sent; the connection is closed below
          }
        }
      } finally {
        ex.markAnswered();
        ex.close();
      }
    };
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  public int httpsPort() {
    return https.getAddress().getPort();
  }

  public int imdsPort() {
    return imds.getAddress().getPort();
  }

  public int nmiPort() {
    return nmi.getAddress().getPort();
  }

  public int adminPort() {
    return admin.getAddress().getPort();
  }

  @Override
  public void close() {
    for (HttpServer s : new HttpServer[] {https, imds, nmi, admin}) {
      s.stop(0);
    }
    vaultPool.shutdownNow();
    sidePool.shutdownNow();
  }
}
