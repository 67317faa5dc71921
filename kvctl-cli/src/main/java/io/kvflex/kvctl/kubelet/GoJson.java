package io.kvflex.kvctl.kubelet;

import java.util.Map;
import java.util.TreeMap;

/**
 * Serialises a {@code map[string]string} exactly as Go's {@code json.Marshal} does, which is what
 * the kubelet hands the driver: keys sorted by their bytes, no whitespace, and Go's escaping
 * ({@code <}, {@code >}, {@code &}, U+2028 and U+2029 as {@code \\u} escapes; control characters as
 * {@code \n}, {@code \r}, {@code \t} or {@code \\u00XX}).
 */
final class GoJson {
  private GoJson() {}

  static String marshal(Map<String, String> map) {
    // Go sorts map keys as byte strings; for UTF-16 Java strings this equals code point order
    // except for supplementary characters, which option keys never contain.
    StringBuilder out = new StringBuilder(64 + map.size() * 32).append('{');
    boolean first = true;
    for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      string(out, e.getKey());
      out.append(':');
      string(out, e.getValue());
    }
    return out.append('}').toString();
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' -> unicode(out, c);
        default -> {
          if (c < 0x20) {
            unicode(out, c);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static void unicode(StringBuilder out, char c) {
    out.append(String.format("\\u%04x", (int) c));
  }
}
