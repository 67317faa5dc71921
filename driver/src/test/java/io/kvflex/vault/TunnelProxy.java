package io.kvflex.vault;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny HTTP proxy on loopback for tests: it answers {@code CONNECT host:port} by opening the
 * tunnel and relaying bytes both ways, records every request line it receives, optionally demands
 * Basic proxy credentials (407), and refuses every non-CONNECT request with 502 (so a plain-HTTP
 * call that wrongly goes through it fails and is recorded).
 */
public final class TunnelProxy implements AutoCloseable {
  private final ServerSocket server;
  private final Optional<String> expectedAuthorization;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> tunnels = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();

  private TunnelProxy(Optional<String> user, Optional<String> password) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    expectedAuthorization =
        user.map(
            u ->
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(
                            (u + ":" + password.orElse("")).getBytes(StandardCharsets.UTF_8)));
    Thread acceptor = new Thread(this::acceptLoop, "tunnel-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public static TunnelProxy open() throws IOException {
    return new TunnelProxy(Optional.empty(), Optional.empty());
  }

  public static TunnelProxy requiringBasic(String user, String password) throws IOException {
    return new TunnelProxy(Optional.of(user), Optional.of(password));
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Every request line received ("CONNECT host:port HTTP/1.1", "GET http://... HTTP/1.1"). */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /** The host:port of every tunnel opened (after any authentication). */
  public List<String> tunnels() {
    return List.copyOf(tunnels);
  }

  public void reset() {
    requests.clear();
    tunnels.clear();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        open.add(client);
        Thread t = new Thread(() -> handle(client), "tunnel-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void handle(Socket client) {
    try {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      List<String> head = readHead(in);
      if (head.isEmpty()) {
        client.close();
        return;
      }
      String requestLine = head.get(0);
      requests.add(requestLine);
      String[] parts = requestLine.split(" ");
      if (parts.length != 3 || !parts[0].equals("CONNECT")) {
        reply(out, "502 Bad Gateway");
        client.close();
        return;
      }
      if (expectedAuthorization.isPresent()
          && head.stream()
              .noneMatch(
                  h ->
                      h.toLowerCase(Locale.ROOT).startsWith("proxy-authorization:")
                          && h.substring(20).trim().equals(expectedAuthorization.get()))) {
        reply(
            out,
            "407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"kvflex-test\"");
        client.close();
        return;
      }
      int colon = parts[1].lastIndexOf(':');
      Socket upstream =
          new Socket(parts[1].substring(0, colon), Integer.parseInt(parts[1].substring(colon + 1)));
      open.add(upstream);
      tunnels.add(parts[1]);
      out.write(
          "HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      Thread up = new Thread(() -> relay(in, upstream), "tunnel-proxy-up");
      up.setDaemon(true);
      up.start();
      relay(upstream.getInputStream(), client);
    } catch (IOException | RuntimeException e) {
      closeQuietly(client);
    }
  }

  private static void reply(OutputStream out, String statusAndHeaders) throws IOException {
    out.write(
        ("HTTP/1.1 " + statusAndHeaders + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Copies until EOF, then closes {@code to} (both directions end the tunnel). */
  private static void relay(InputStream from, Socket to) {
    byte[] buf = new byte[16384];
    try {
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = from.read(buf)) >= 0) {
        out.write(buf, 0, n);
        out.flush();
      }
    } catch (IOException ended) {
      // the other side closed
    } finally {
      closeQuietly(to);
    }
  }

  /** The request line and header lines, read byte by byte so no tunnel byte is consumed. */
  private static List<String> readHead(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
        line.reset();
        if (text.isEmpty()) {
          return lines;
        }
        lines.add(text);
      } else {
        line.write(b);
      }
    }
    return List.of();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    open.forEach(TunnelProxy::closeQuietly);
  }
}
