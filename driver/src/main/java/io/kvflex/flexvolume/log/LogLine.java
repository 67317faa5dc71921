package io.kvflex.flexvolume.log;

import java.time.Instant;
import java.util.Locale;

/**
 * Formats one event as a logfmt line: {@code time=... level=info event=mount.start dir=/x}. Values
 * with spaces, quotes, {@code =} or control characters are quoted and escaped, so an event is
 * always exactly one line whatever its values hold (operators read it with grep, no jq needed).
 */
final class LogLine {
  private LogLine() {}

  static String format(Instant time, long pid, EventLog.Level level, String event, Object[] kv) {
    return format(time, pid, level, event, kv, new Redactor());
  }

  /**
   * The line with every registered secret masked in each value BEFORE it is escaped: a secret
   * holding a quote, a backslash or a tab would no longer match once escaped.
   */
  static String format(
      Instant time, long pid, EventLog.Level level, String event, Object[] kv, Redactor redactor) {
    StringBuilder b = new StringBuilder(128);
    b.append("time=").append(time).append(" level=").append(level.name().toLowerCase(Locale.ROOT));
    b.append(" pid=").append(pid).append(" event=");
    appendValue(b, event);
    for (int i = 0; i + 1 < kv.length; i += 2) {
      b.append(' ').append(key(String.valueOf(kv[i]))).append('=');
      appendValue(b, redactor.redact(String.valueOf(kv[i + 1])));
    }
    if (kv.length % 2 != 0) {
      b.append(" orphan=");
      appendValue(b, redactor.redact(String.valueOf(kv[kv.length - 1])));
    }
    return b.toString();
  }

  private static String key(String key) {
    return key.replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  static void appendValue(StringBuilder b, String value) {
    if (!value.isEmpty() && value.chars().allMatch(LogLine::isPlain)) {
      b.append(value);
      return;
    }
    b.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }

  private static boolean isPlain(int c) {
    return c > 0x20 && c < 0x7f && c != '"' && c != '=' && c != '\\';
  }
}
