package io.kvflex.localvault.http;

import java.io.PrintStream;
import java.time.Clock;

/**
 * One line per request on a stream (stderr for {@code Main}): method, host, path, status,
 * operation, identity, duration. Never bodies, query strings or headers (they carry values and
 * tokens).
 */
public interface RequestLog {
  void log(Exchange ex, String host, long micros);

  RequestLog NONE = (ex, host, micros) -> {};

  static RequestLog to(PrintStream out, Clock clock) {
    return (ex, host, micros) ->
        out.println(
            "localvault "
                + clock.instant()
                + " "
                + ex.method()
                + " "
                + host
                + " "
                + ex.rawPath()
                + " -> "
                + (ex.aborted() ? "reset" : String.valueOf(ex.status()))
                + " op="
                + ex.operation()
                + (ex.vault().isEmpty() ? "" : " vault=" + ex.vault())
                + " identity="
                + ex.identity()
                + " "
                + (micros / 1000)
                + "ms");
  }
}
