package io.kvflex.options;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Small value checks and message helpers shared by the option parsers. */
final class Texts {
  private static final Pattern GUID =
      Pattern.compile(
          "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
  private static final int MAX_SHOWN = 64;

  private Texts() {}

  static boolean isGuid(String s) {
    return GUID.matcher(s).matches();
  }

  /**
   * A non-secret user value quoted for a message: control characters escaped, long values cut.
   * Never call this with a credential.
   */
  static String quote(String value) {
    StringBuilder b = new StringBuilder("\"");
    int n = Math.min(value.length(), MAX_SHOWN);
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else {
        b.append(c);
      }
    }
    if (value.length() > MAX_SHOWN) {
      b.append("...");
    }
    return b.append('"').toString();
  }

  /** {@code true}/{@code false}, case-insensitive; empty for anything else. */
  static Optional<Boolean> parseBoolean(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("true")) {
      return Optional.of(true);
    }
    if (v.equals("false")) {
      return Optional.of(false);
    }
    return Optional.empty();
  }

  static String plural(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
