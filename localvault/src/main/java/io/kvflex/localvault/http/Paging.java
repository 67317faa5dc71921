package io.kvflex.localvault.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Key Vault list pages: at most 25 items, an absolute nextLink with {@code $skiptoken}, or null.
 */
final class Paging {
  static final int MAX = 25;

  private Paging() {}

  static <T> Map<String, Object> page(
      VaultRequest r, List<T> all, Function<T, Map<String, Object>> render) throws KvException {
    int max = maxResults(r);
    int offset = offset(r);
    List<Object> value = new ArrayList<>();
    for (int i = offset; i < Math.min(all.size(), offset + max); i++) {
      value.add(render.apply(all.get(i)));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("value", value);
    int next = offset + max;
    if (next < all.size()) {
      String token =
          Base64.getEncoder()
              .encodeToString(
                  ("{\"NextMarker\":\"localvault!" + next + "\"}")
                      .getBytes(StandardCharsets.UTF_8));
      String link =
          r.baseUrl
              + r.ex.rawPath()
              + "?api-version="
              + r.apiVersion
              + "&$skiptoken="
              + URLEncoder.encode(token, StandardCharsets.UTF_8);
      if (r.ex.query("maxresults").isPresent()) {
        link += "&maxresults=" + max;
      }
      m.put("nextLink", link);
    } else {
      m.put("nextLink", null);
    }
    return m;
  }

  private static int maxResults(VaultRequest r) throws KvException {
    String raw = r.ex.query("maxresults").orElse(null);
    if (raw == null) {
      return MAX;
    }
    try {
      int n = Integer.parseInt(raw);
      if (n >= 1 && n <= MAX) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw KvException.badParameter(
        "Invalid value for maxresults: '" + raw + "'. The value must be between 1 and 25.");
  }

  private static int offset(VaultRequest r) throws KvException {
    String raw = r.ex.query("$skiptoken").orElse(null);
    if (raw == null) {
      return 0;
    }
    try {
      String json = new String(Base64.getDecoder().decode(raw), StandardCharsets.UTF_8);
      int at = json.indexOf("localvault!");
      int end = json.indexOf('"', at);
      if (at >= 0 && end > at) {
        int n = Integer.parseInt(json.substring(at + "localvault!".length(), end));
        if (n >= 0) {
          return n;
        }
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw KvException.badParameter("The skip token is not valid.");
  }
}
