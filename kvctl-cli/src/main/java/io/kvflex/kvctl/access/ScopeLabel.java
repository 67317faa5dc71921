package io.kvflex.kvctl.access;

import java.util.Locale;
import java.util.Optional;

/** Short human names for ARM scopes relative to a vault, used in evidence lines. */
final class ScopeLabel {
  private ScopeLabel() {}

  static String describe(String scope, String vaultId) {
    String s = trim(scope);
    String v = trim(vaultId);
    if (s.isEmpty()) {
      return "root scope /";
    }
    if (s.equalsIgnoreCase(v)) {
      return "vault scope";
    }
    if (s.toLowerCase(Locale.ROOT).startsWith(v.toLowerCase(Locale.ROOT) + "/")) {
      String rest = s.substring(v.length() + 1);
      int slash = rest.indexOf('/');
      if (slash > 0) {
        return singular(rest.substring(0, slash)) + " " + rest.substring(slash + 1) + " scope";
      }
    }
    Optional<String> mg = segmentAfter(s, "managementGroups");
    if (mg.isPresent()) {
      return "management group " + mg.get();
    }
    String[] parts = s.split("/");
    if (parts.length == 3 && parts[1].equalsIgnoreCase("subscriptions")) {
      return "subscription " + parts[2];
    }
    if (parts.length == 5 && parts[3].equalsIgnoreCase("resourceGroups")) {
      return "resource group " + parts[4];
    }
    return s;
  }

  /** The path segment following {@code name} (case-insensitive), e.g. the resource group. */
  static Optional<String> segmentAfter(String id, String name) {
    String[] parts = id.split("/");
    for (int i = 0; i + 1 < parts.length; i++) {
      if (parts[i].equalsIgnoreCase(name)) {
        return Optional.of(parts[i + 1]);
      }
    }
    return Optional.empty();
  }

  private static String singular(String plural) {
    return switch (plural.toLowerCase(Locale.ROOT)) {
      case "secrets" -> "secret";
      case "keys" -> "key";
      case "certificates" -> "certificate";
      default -> plural;
    };
  }

  private static String trim(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
