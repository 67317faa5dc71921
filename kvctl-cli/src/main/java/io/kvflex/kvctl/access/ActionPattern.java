package io.kvflex.kvctl.access;

import java.util.Locale;

/**
 * Azure RBAC action matching: case-insensitive, {@code *} matches any run of characters (including
 * {@code /}), e.g. {@code Microsoft.KeyVault/vaults/*}{@code /read} or {@code *}.
 */
final class ActionPattern {
  private ActionPattern() {}

  static boolean matches(String pattern, String action) {
    return glob(pattern.toLowerCase(Locale.ROOT), 0, action.toLowerCase(Locale.ROOT), 0);
  }

  private static boolean glob(String p, int pi, String s, int si) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      if (c == '*') {
        // Collapse consecutive stars, then try every split point.
        while (pi < p.length() && p.charAt(pi) == '*') {
          pi++;
        }
        if (pi == p.length()) {
          return true;
        }
        for (int k = si; k <= s.length(); k++) {
          if (glob(p, pi, s, k)) {
            return true;
          }
        }
        return false;
      }
      if (si >= s.length() || s.charAt(si) != c) {
        return false;
      }
      pi++;
      si++;
    }
    return si == s.length();
  }
}
