package io.kvflex.localvault.http;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code $filter} of a resource listing: {@code resourceType eq '...'} and {@code name eq
 * '...'} joined by {@code and} (what {@code kvctl check-access} sends); values compare without
 * case, as ARM compares them.
 */
final class ResourceFilter {
  private static final Pattern TERM =
      Pattern.compile("\\s*(resourceType|name)\\s+eq\\s+'([^']*)'\\s*", Pattern.CASE_INSENSITIVE);

  private ResourceFilter() {}

  static Map<String, String> parse(String filter) throws ControlPlaneException {
    Map<String, String> terms = new HashMap<>();
    if (filter.isBlank()) {
      return terms;
    }
    for (String part : filter.split("(?i)\\s+and\\s+")) {
      Matcher m = TERM.matcher(part);
      if (!m.matches()) {
        throw ControlPlaneException.arm(
            400,
            "InvalidFilterInQueryString",
            "Invalid $filter '"
                + filter
                + "'; localvault's ARM understands resourceType eq '...' and name eq '...'.");
      }
      terms.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
    }
    return terms;
  }

  static boolean matches(Map<String, String> terms, String type, String name) {
    return terms.getOrDefault("resourcetype", type).equalsIgnoreCase(type)
        && terms.getOrDefault("name", name).equalsIgnoreCase(name);
  }
}
