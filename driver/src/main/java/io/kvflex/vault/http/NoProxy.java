package io.kvflex.vault.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The {@code NO_PROXY} list, matched the way Go's {@code net/http} (and so the legacy driver) does:
 * comma-separated entries; {@code *} bypasses the proxy for every host; {@code example.com} matches
 * that host and its subdomains; {@code .example.com} and {@code *.example.com} match subdomains
 * only; IP literals and CIDR blocks match IP-literal hosts (no DNS lookup is made); any entry may
 * carry {@code :port} and then matches that port only. Separately from the list, {@code localhost},
 * loopback and link-local addresses (IMDS is 169.254.169.254) are never proxied.
 */
public final class NoProxy {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

  /** One entry of the list. */
  private sealed interface Rule {
    boolean matches(String host, Optional<InetAddress> ip, int port);
  }

  private record Domain(String suffix, boolean matchSelf, OptionalInt port) implements Rule {
    @Override
    public boolean matches(String host, Optional<InetAddress> ip, int p) {
      boolean hostMatches =
          host.endsWith(suffix) || (matchSelf && host.equals(suffix.substring(1)));
      return hostMatches && (port.isEmpty() || port.getAsInt() == p);
    }
  }

  private record Cidr(byte[] network, int prefix, OptionalInt port) implements Rule {
    @Override
    public boolean matches(String host, Optional<InetAddress> ip, int p) {
      if (ip.isEmpty() || (port.isPresent() && port.getAsInt() != p)) {
        return false;
      }
      byte[] a = ip.get().getAddress();
      if (a.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (a[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (a[full] & mask) == (network[full] & mask);
    }
  }

  public static final NoProxy EMPTY = new NoProxy(false, List.of(), "");

  private final boolean all;
  private final List<Rule> rules;
  private final String text;

  private NoProxy(boolean all, List<Rule> rules, String text) {
    this.all = all;
    this.rules = List.copyOf(rules);
    this.text = text;
  }

  /** Parses a {@code NO_PROXY} value; entries that fit no form are ignored, as Go does. */
  public static NoProxy parse(String value) {
    if (value == null || value.isBlank()) {
      return EMPTY;
    }
    boolean all = false;
    List<Rule> rules = new ArrayList<>();
    for (String raw : value.split(",")) {
      String entry = raw.trim().toLowerCase(Locale.ROOT);
      if (entry.isEmpty()) {
        continue;
      }
      if (entry.equals("*")) {
        all = true;
        continue;
      }
      rule(entry).ifPresent(rules::add);
    }
    return new NoProxy(all, rules, value.trim());
  }

  private static Optional<Rule> rule(String entry) {
    String host = entry;
    OptionalInt port = OptionalInt.empty();
    int slash = entry.indexOf('/');
    if (slash < 0) {
      // host:port or [v6]:port; a bare IPv6 literal has several colons and no port.
      if (entry.startsWith("[")) {
        int close = entry.indexOf(']');
        if (close < 0) {
          return Optional.empty();
        }
        host = entry.substring(1, close);
        if (entry.length() > close + 1) {
          if (entry.charAt(close + 1) != ':') {
            return Optional.empty();
          }
          port = port(entry.substring(close + 2));
          if (port.isEmpty()) {
            return Optional.empty();
          }
        }
      } else if (entry.indexOf(':') >= 0 && entry.indexOf(':') == entry.lastIndexOf(':')) {
        int colon = entry.indexOf(':');
        host = entry.substring(0, colon);
        port = port(entry.substring(colon + 1));
        if (port.isEmpty()) {
          return Optional.empty();
        }
      }
    } else {
      return cidr(entry.substring(0, slash), entry.substring(slash + 1));
    }
    Optional<InetAddress> ip = ipLiteral(host);
    if (ip.isPresent()) {
      byte[] a = ip.get().getAddress();
      return Optional.of(new Cidr(a, a.length * 8, port));
    }
    if (host.startsWith("*.")) {
      host = host.substring(1);
    }
    host = stripDot(host);
    if (host.isEmpty() || host.equals(".")) {
      return Optional.empty();
    }
    boolean matchSelf = host.charAt(0) != '.';
    return Optional.of(new Domain(matchSelf ? "." + host : host, matchSelf, port));
  }

  private static Optional<Rule> cidr(String address, String bits) {
    Optional<InetAddress> ip = ipLiteral(address);
    if (ip.isEmpty() || !bits.matches("\\d{1,3}")) {
      return Optional.empty();
    }
    byte[] a = ip.get().getAddress();
    int prefix = Integer.parseInt(bits);
    if (prefix > a.length * 8) {
      return Optional.empty();
    }
    return Optional.of(new Cidr(a, prefix, OptionalInt.empty()));
  }

  private static OptionalInt port(String text) {
    if (!text.matches("\\d{1,5}")) {
      return OptionalInt.empty();
    }
    int p = Integer.parseInt(text);
    return p > 0 && p <= 65535 ? OptionalInt.of(p) : OptionalInt.empty();
  }

  /** An IP literal, parsed without any DNS lookup (only literal-shaped text reaches getByName). */
  static Optional<InetAddress> ipLiteral(String host) {
    String h =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (!IPV4.matcher(h).matches() && !IPV6.matcher(h).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(h));
    } catch (UnknownHostException | SecurityException e) {
      return Optional.empty();
    }
  }

  private static String stripDot(String host) {
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }

  /**
   * Why {@code host:port} bypasses the proxy, or empty when it does not: {@code "loopback"}, {@code
   * "link-local"} (always) or {@code "NO_PROXY"} (the list).
   */
  public Optional<String> bypass(String rawHost, int port) {
    String host = stripDot(rawHost.toLowerCase(Locale.ROOT));
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    Optional<InetAddress> ip = ipLiteral(host);
    if (host.equals("localhost") || host.endsWith(".localhost")) {
      return Optional.of("loopback");
    }
    if (ip.isPresent()) {
      if (ip.get().isLoopbackAddress() || ip.get().isAnyLocalAddress()) {
        return Optional.of("loopback");
      }
      if (ip.get().isLinkLocalAddress()) {
        return Optional.of("link-local");
      }
    }
    if (all) {
      return Optional.of("NO_PROXY");
    }
    for (Rule r : rules) {
      if (r.matches(host, ip, port)) {
        return Optional.of("NO_PROXY");
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "NoProxy[" + text + "]";
  }

  /** Equal when parsed from the same text (settings are compared to share HTTP clients). */
  @Override
  public boolean equals(Object o) {
    return o instanceof NoProxy other && text.equals(other.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }
}
