package io.kvflex.vault;

import io.kvflex.localvault.pki.CertificateAuthority;
import io.kvflex.localvault.pki.ServerTls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A TLS-terminating HTTP/1.1 proxy for fault drills: the driver talks to it as if it were Key Vault
 * and Entra ID (the cloud environment names its port and trusts its CA); it forwards each request
 * to localvault and answers with localvault's answer, or with a fault the test plans per request: a
 * connection reset (RST) or a clean close in the middle of the body, a malformed body, a black
 * hole, a body that drips, a TLS close_notify on a TCP connection that stays open, or an oversized
 * body. The certificate it presents is configurable (expired, wrong host name, unknown issuer).
 */
public final class FaultProxy implements AutoCloseable {

  /** What the proxy does with one request. */
  public enum Fault {
    /** Forward and answer faithfully. */
    NONE,
    /** Headers and half the body, then a TCP reset. */
    RESET_MID_BODY,
    /** Headers and half the body, then a clean close (close_notify, FIN). */
    TRUNCATE,
    /** localvault's answer with its JSON body cut in half (the length header matches the cut). */
    MALFORMED,
    /** Never answers; the connection stays open. */
    BLACK_HOLE,
    /** Headers and half the body, then nothing more on an open connection. */
    STALL_MID_BODY,
    /** The body one byte per {@link #dripEvery}. */
    DRIP,
    /** Headers and half the body, then TLS close_notify while the TCP connection stays open. */
    CLOSE_NOTIFY_KEEP_OPEN,
    /** A 200 answer whose JSON body is {@link #hugeBytes} long. */
    HUGE,
    /** Forwarded without its Authorization header: the vault answers 401, as to a revoked token. */
    STRIP_TOKEN,
    /** A token answer rewritten to say {@code expires_in: 0} (the token itself stays valid). */
    EXPIRES_NOW
  }

  /**
   * One request as the plan sees it.
   *
   * @param authorized whether it carries an Authorization header (a Key Vault request with a token,
   *     not the first, unauthenticated one that asks for the challenge)
   */
  public record Request(int index, String method, String host, String path, boolean authorized) {

    /** A Key Vault request carrying a token. */
    public boolean vaultRead() {
      return authorized && host.contains(".vault.");
    }

    /** A token request to Entra ID. */
    public boolean tokenRequest() {
      return path.contains("/oauth2/");
    }
  }

  private final ServerSocket server;
  private final SSLContext tls;
  private final CertificateAuthority ca;
  private final SSLContext upstream;
  private final int upstreamPort;
  private final List<Request> seen = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicInteger count = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();
  private volatile Function<Request, Fault> plan = r -> Fault.NONE;
  private volatile Duration dripEvery = Duration.ofMillis(200);
  private volatile int hugeBytes = 1 << 20;

  private FaultProxy(CertificateAuthority ca, SSLContext tls, SSLContext upstream, int upstreamPort)
      throws IOException {
    this.ca = ca;
    this.tls = tls;
    this.upstream = upstream;
    this.upstreamPort = upstreamPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "fault-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * A proxy in front of localvault's HTTPS port presenting a certificate for {@code names} (and
   * 127.0.0.1) issued by its own CA, valid for 397 days from {@code notBefore}: in the past for an
   * expired certificate, in the future for one not valid yet.
   *
   * @param upstream TLS trusting localvault's CA
   */
  public static FaultProxy start(
      SSLContext upstream, int upstreamPort, List<String> names, Instant notBefore)
      throws IOException {
    Instant now = Instant.now();
    CertificateAuthority ca =
        CertificateAuthority.generateRoot(
            "CN=fault-proxy test CA", now.minus(Duration.ofDays(1000)), Duration.ofDays(3000));
    // ServerTls issues from one hour before the instant it is given.
    return new FaultProxy(
        ca,
        ServerTls.create(ca, names, notBefore.plus(Duration.ofHours(1))),
        upstream,
        upstreamPort);
  }

  /** A proxy with a currently valid certificate for {@code names}. */
  public static FaultProxy start(SSLContext upstream, int upstreamPort, List<String> names)
      throws IOException {
    return start(upstream, upstreamPort, names, Instant.now());
  }

  /** The CA to trust for this proxy's certificate. */
  public X509Certificate ca() {
    return ca.certificate();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Decides each request's fault from its index (0-based, all hosts) and request line. */
  public FaultProxy plan(Function<Request, Fault> plan) {
    this.plan = plan;
    return this;
  }

  /** Every request that {@code which} selects gets {@code fault}; others pass. */
  public FaultProxy always(java.util.function.Predicate<Request> which, Fault fault) {
    return plan(r -> which.test(r) ? fault : Fault.NONE);
  }

  /** The first {@code n} requests that {@code which} selects get {@code fault}; others pass. */
  public FaultProxy firstN(java.util.function.Predicate<Request> which, int n, Fault fault) {
    AtomicInteger left = new AtomicInteger(n);
    return plan(r -> which.test(r) && left.getAndDecrement() > 0 ? fault : Fault.NONE);
  }

  public FaultProxy dripEvery(Duration every) {
    this.dripEvery = every;
    return this;
  }

  public FaultProxy hugeBytes(int bytes) {
    this.hugeBytes = bytes;
    return this;
  }

  /** Requests seen so far. */
  public List<Request> seen() {
    return List.copyOf(seen);
  }

  /** TCP connections accepted (a TLS handshake that fails is a connection without requests). */
  public int connections() {
    return connections.get();
  }

  /** Requests seen that {@code which} selects. */
  public long count(java.util.function.Predicate<Request> which) {
    return seen.stream().filter(which).count();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket raw = server.accept();
        connections.incrementAndGet();
        open.add(raw);
        Thread t = new Thread(() -> serve(raw), "fault-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket raw) {
    try {
      // autoClose=false: closing the TLS layer (close_notify) can leave the TCP connection open.
      SSLSocket ssl =
          (SSLSocket) tls.getSocketFactory().createSocket(raw, null, raw.getPort(), false);
      ssl.setUseClientMode(false);
      InputStream in = ssl.getInputStream();
      OutputStream out = ssl.getOutputStream();
      while (true) {
        RawHttpMessage request = RawHttpMessage.readRequest(in);
        if (request == null) {
          break;
        }
        Request r =
            new Request(
                count.getAndIncrement(),
                request.startLine.split(" ")[0],
                request.header("host"),
                request.startLine.split(" ")[1],
                !request.header("authorization").isEmpty());
        seen.add(r);
        Fault fault = plan.apply(r);
        if (fault == Fault.BLACK_HOLE) {
          FaultyAnswer.holdOpen(raw);
          return;
        }
        RawHttpMessage answer =
            forward(fault == Fault.STRIP_TOKEN ? request.without("authorization") : request);
        if (fault == Fault.EXPIRES_NOW) {
          answer = answer.withBody(FaultyAnswer.expiresNow(answer.body));
        }
        if (!new FaultyAnswer(dripEvery, hugeBytes).send(fault, answer, raw, ssl, out)) {
          return;
        }
      }
      ssl.close();
    } catch (IOException | RuntimeException e) {
      // The client went away or the test closed the proxy.
    } finally {
      closeQuietly(raw);
    }
  }

  private RawHttpMessage forward(RawHttpMessage request) throws IOException {
    String host = request.header("host");
    String name = host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
    try (SSLSocket up =
        (SSLSocket)
            upstream
                .getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), upstreamPort)) {
      SSLParameters p = up.getSSLParameters();
      p.setServerNames(List.of(new SNIHostName(name)));
      up.setSSLParameters(p);
      OutputStream out = up.getOutputStream();
      out.write(request.withHeader("connection", "close").head(request.body.length));
      out.write(request.body);
      out.flush();
      RawHttpMessage answer = RawHttpMessage.readResponse(up.getInputStream());
      if (answer == null) {
        throw new IOException("localvault closed the connection without an answer");
      }
      return answer;
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closed already
    }
  }

  @Override
  public void close() {
    closeQuietly(server);
    for (Socket s : open) {
      closeQuietly(s);
    }
  }

  private static void closeQuietly(ServerSocket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closed already
    }
  }
}
