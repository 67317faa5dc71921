package io.kvflex.localvault.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;

/**
 * How an answer's body goes wrong on the wire (fault injection): it breaks off, is cut to half its
 * JSON, stalls or drips. Applied by {@link Exchange#send} once the answer is known.
 */
record BodyFault(Kind kind, long millis) {
  enum Kind {
    /** Headers promise the whole body; half is sent, then the connection closes. */
    TRUNCATE,
    /** Half the JSON, with a length header that matches it. */
    MALFORMED,
    /** Headers and half the body, then silence for {@code millis}, then the connection closes. */
    STALL,
    /** The whole body, one byte each {@code millis}. */
    DRIP
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

  /** Sends {@code body} (non-empty) with status {@code code}, spoiled as this fault says. */
  void send(HttpExchange http, int code, byte[] body) throws IOException {
    int half = body.length / 2;
    switch (kind) {
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
            FaultInjector.sleep(millis);
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
          FaultInjector.sleep(millis);
        }
        // Closing before the promised length closes the connection under the client.
        http.close();
      }
    }
  }
}
