package io.kvflex.localvault.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * How an answer's body goes wrong on the wire (fault injection): it breaks off, is cut to half its
 * JSON, stalls, drips or is padded far past Key Vault's limits. Applied by {@link Exchange#send}
 * once the answer is known.
 *
 * @param amount milliseconds (stall, drip) or bytes (oversize)
 */
record BodyFault(Kind kind, long amount) {
  enum Kind {
    /** Headers promise the whole body; half is sent, then the connection closes. */
    TRUNCATE,
    /** Half the JSON, with a length header that matches it. */
    MALFORMED,
    /** Headers and half the body, then silence for {@code millis}, then the connection closes. */
    STALL,
    /** The whole body, one byte each {@code millis}. */
    DRIP,
    /** A JSON object (the answer's fields) padded to {@code amount} bytes. */
    OVERSIZE
  }

  static BodyFault truncate() {
    return new BodyFault(Kind.TRUNCATE, 0);
  }

  static BodyFault malformed() {
    return new BodyFault(Kind.MALFORMED, 0);
  }

  static BodyFault stall(long millis) {
    return new BodyFault(Kind.STALL, millis);
  }

  static BodyFault drip(long millis) {
    return new BodyFault(Kind.DRIP, millis);
  }

  static BodyFault oversize(long bytes) {
    return new BodyFault(Kind.OVERSIZE, bytes);
  }

  /** Sends {@code body} (non-empty) with status {@code code}, spoiled as this fault says. */
  void send(HttpExchange http, int code, byte[] body) throws IOException {
    int half = body.length / 2;
    switch (kind) {
      case OVERSIZE -> {
        byte[] padded = padded(body);
        http.sendResponseHeaders(code, padded.length);
        try (OutputStream out = http.getResponseBody()) {
          out.write(padded);
        }
      }
      case MALFORMED -> {
        http.sendResponseHeaders(code, half);
        try (OutputStream out = http.getResponseBody()) {
          out.write(body, 0, half);
        }
      }
      case DRIP -> {
        http.sendResponseHeaders(code, body.length);
        try (OutputStream out = http.getResponseBody()) {
          for (byte b : body) {
            FaultInjector.sleep(amount);
            out.write(b);
            out.flush();
          }
        }
      }
      case TRUNCATE, STALL -> {
        http.sendResponseHeaders(code, body.length);
        OutputStream out = http.getResponseBody();
        out.write(body, 0, half);
        out.flush();
        if (kind == Kind.STALL) {
          FaultInjector.sleep(amount);
        }
        // Closing before the promised length closes the connection under the client.
        http.close();
      }
    }
  }

  /** {@code {"localvault_padding":"xxx...", <the answer's fields>}} of {@code amount} bytes. */
  private byte[] padded(byte[] json) {
    String head = "{\"localvault_padding\":\"";
    boolean object = json.length > 2 && json[0] == '{';
    String rest =
        object ? "\"," + new String(json, 1, json.length - 1, StandardCharsets.UTF_8) : "\"}";
    int fill = (int) Math.max(0, amount - head.length() - rest.length());
    byte[] out = new byte[head.length() + fill + rest.getBytes(StandardCharsets.UTF_8).length];
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    byte[] r = rest.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(h, 0, out, 0, h.length);
    java.util.Arrays.fill(out, h.length, h.length + fill, (byte) 'x');
    System.arraycopy(r, 0, out, h.length + fill, r.length);
    return out;
  }
}
