package io.kvflex.localvault.arm;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * How ARM matches an action against a role's or deny assignment's patterns: case-insensitive,
 * {@code *} standing for any run of characters (slashes included).
 */
final class Actions {
  private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

  private Actions() {}

  /** Whether {@code action} is in {@code allowed} and not in {@code excluded}. */
  static boolean permits(List<String> allowed, List<String> excluded, String action) {
    return allowed.stream().anyMatch(p -> matches(p, action))
        && excluded.stream().noneMatch(p -> matches(p, action));
  }

  static boolean matches(String pattern, String action) {
    return COMPILED
        .computeIfAbsent(pattern.toLowerCase(Locale.ROOT), Actions::compile)
        .matcher(action.toLowerCase(Locale.ROOT))
        .matches();
  }

  private static Pattern compile(String glob) {
    StringBuilder regex = new StringBuilder();
    for (String literal : glob.split("\\*", -1)) {
      if (regex.length() > 0) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(literal));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
