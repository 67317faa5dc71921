package io.kvflex.localvault.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** {@code application/x-www-form-urlencoded} bodies. */
final class Forms {
  private Forms() {}

  static Map<String, String> parse(byte[] body) {
    Map<String, String> out = new HashMap<>();
    String text = new String(body, StandardCharsets.UTF_8);
    if (text.isBlank()) {
      return out;
    }
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.putIfAbsent(k, v);
    }
    return out;
  }
}
