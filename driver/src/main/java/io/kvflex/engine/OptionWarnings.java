package io.kvflex.engine;

import io.kvflex.options.OptionProblem;
import io.kvflex.options.OptionRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The parser's warnings as the driver logs them: unknown option keys become ONE line however many
 * there are (a volume with 9,000 made-up keys must not write 9,000 lines per mount), naming the
 * first few keys, each cut to a bounded length; other warnings (a bounded set: one per known option
 * at most) stay one line each.
 */
final class OptionWarnings {
  static final int SHOWN_KEYS = 10;
  static final int MAX_KEY_CHARS = 64;

  private OptionWarnings() {}

  static List<String> summarise(List<OptionProblem> warnings) {
    List<String> out = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (OptionProblem p : warnings) {
      if (p.ruleId().equals(OptionRule.UNKNOWN_OPTION.id())) {
        unknown.add(p.option());
      } else {
        out.add(p.message());
      }
    }
    if (unknown.size() == 1) {
      out.add(
          warnings.stream()
              .filter(p -> p.ruleId().equals(OptionRule.UNKNOWN_OPTION.id()))
              .findFirst()
              .orElseThrow()
              .message());
    } else if (!unknown.isEmpty()) {
      StringBuilder b = new StringBuilder();
      b.append(unknown.size()).append(" option keys are not kvflex options and are ignored: ");
      for (int i = 0; i < Math.min(SHOWN_KEYS, unknown.size()); i++) {
        b.append(i == 0 ? "" : ", ").append('"').append(shorten(unknown.get(i))).append('"');
      }
      if (unknown.size() > SHOWN_KEYS) {
        b.append(" and ").append(unknown.size() - SHOWN_KEYS).append(" more");
      }
      b.append("; check the spelling (kvctl lint names each one), or remove them");
      out.add(b.toString());
    }
    return out;
  }

  private static String shorten(String key) {
    String k = key.length() > MAX_KEY_CHARS ? key.substring(0, MAX_KEY_CHARS) + "..." : key;
    StringBuilder b = new StringBuilder(k.length());
    for (char c : k.toCharArray()) {
      b.append(c < 0x20 || c == 0x7f || c == '"' || c == '\\' ? '?' : c);
    }
    return b.toString();
  }
}
