package io.kvflex.vault;

import io.kvflex.vault.FaultProxy.Fault;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLSocket;

/** How {@link FaultProxy} answers one request: faithfully, or spoiled as its {@link Fault} says. */
final class FaultyAnswer {
  private final Duration dripEvery;
  private final int hugeBytes;

  /**
   * @param dripEvery the pause between bytes of a {@link Fault#DRIP} body
   * @param hugeBytes the size of a {@link Fault#HUGE} body
   */
  FaultyAnswer(Duration dripEvery, int hugeBytes) {
    this.dripEvery = dripEvery;
    this.hugeBytes = hugeBytes;
  }

  /** Sends the answer (or its fault); returns whether the connection may serve more requests. */
  boolean send(Fault fault, RawHttpMessage a, Socket raw, SSLSocket ssl, OutputStream out)
      throws IOException {
    byte[] body = a.body;
    int half = body.length / 2;
    switch (fault) {
      case NONE, STRIP_TOKEN, EXPIRES_NOW -> {
        out.write(a.head(body.length));
        out.write(body);
        out.flush();
        return true;
      }
      case MALFORMED -> {
        byte[] cut = java.util.Arrays.copyOf(body, half);
        out.write(a.head(cut.length));
        out.write(cut);
        out.flush();
        return true;
      }
      case HUGE -> {
        byte[] huge = hugeJson(hugeBytes);
        out.write(a.withStatus("HTTP/1.1 200 OK").head(huge.length));
        out.write(huge);
        out.flush();
        return true;
      }
      case DRIP -> {
        out.write(a.head(body.length));
        out.flush();
        for (byte b : body) {
          sleep(dripEvery);
          out.write(b);
          out.flush();
        }
        return true;
      }
      default -> {
        out.write(a.head(body.length));
        out.write(body, 0, half);
        out.flush();
      }
    }
    switch (fault) {
      case RESET_MID_BODY -> {
        raw.setSoLinger(true, 0);
        raw.close();
      }
      case TRUNCATE -> ssl.close();
      case CLOSE_NOTIFY_KEEP_OPEN -> {
        ssl.close();
        holdOpen(raw);
      }
      case STALL_MID_BODY -> holdOpen(raw);
      default -> throw new IllegalStateException(fault.name());
    }
    return false;
  }

  /** The token JSON with expires_in 0 and expires_on now (numbers or strings alike). */
  static byte[] expiresNow(byte[] json) {
    String now = String.valueOf(Instant.now().getEpochSecond());
    String text = new String(json, StandardCharsets.UTF_8);
    text = text.replaceAll("(\"expires_in\"\\s*:\\s*)\"?[0-9]+\"?", "$10");
    text = text.replaceAll("(\"expires_on\"\\s*:\\s*)\"?[0-9]+\"?", "$1" + now);
    text = text.replaceAll("(\"ext_expires_in\"\\s*:\\s*)\"?[0-9]+\"?", "$10");
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] hugeJson(int bytes) {
    String prefix = "{\"value\":\"";
    String suffix = "\",\"id\":\"https://x/secrets/huge/0\"}";
    int n = Math.max(0, bytes - prefix.length() - suffix.length());
    return (prefix + "A".repeat(n) + suffix).getBytes(StandardCharsets.US_ASCII);
  }

  /** Keeps a connection open, saying nothing, until the client or the test closes it. */
  static void holdOpen(Socket raw) {
    try {
      InputStream in = raw.getInputStream();
      while (in.read() >= 0) {
        // discard: a TLS close or retry on this socket
      }
    } catch (IOException closed) {
      // done
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
