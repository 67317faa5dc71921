package io.kvflex.vault.http;

import io.kvflex.errors.UserInputException;
import io.kvflex.options.Sensitive;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The proxy configuration of the process, read once from the kubelet's environment the way Go's
 * {@code net/http} reads it (the legacy driver's behaviour): {@code HTTPS_PROXY} for https URLs,
 * {@code HTTP_PROXY} for http URLs (upper case first, then lower case; an empty value is unset) and
 * {@code NO_PROXY} ({@link NoProxy}). A proxy value without a scheme means {@code http://}.
 *
 * @param https proxy for https URLs (Key Vault, Entra ID)
 * @param http proxy for http URLs
 * @param noProxy hosts that bypass the proxy
 */
public record ProxySettings(
    Optional<ProxyEndpoint> https, Optional<ProxyEndpoint> http, NoProxy noProxy) {

  public static final ProxySettings NONE =
      new ProxySettings(Optional.empty(), Optional.empty(), NoProxy.EMPTY);

  public ProxySettings {
    Objects.requireNonNull(https);
    Objects.requireNonNull(http);
    Objects.requireNonNull(noProxy);
  }

  /**
   * Parses the proxy variables of {@code env}.
   *
   * @throws UserInputException naming the variable when its value is not a usable proxy URL (the
   *     value itself is never echoed: it may hold a password)
   */
  public static ProxySettings fromEnvironment(Map<String, String> env) {
    Optional<ProxyEndpoint> https = variable(env, "HTTPS_PROXY").map(v -> parse(v, env.get(v)));
    Optional<ProxyEndpoint> http = variable(env, "HTTP_PROXY").map(v -> parse(v, env.get(v)));
    String noProxy = variable(env, "NO_PROXY").map(env::get).orElse("");
    return new ProxySettings(https, http, NoProxy.parse(noProxy));
  }

  /** The name of the set variable: upper case, else lower case; empty values count as unset. */
  private static Optional<String> variable(Map<String, String> env, String upper) {
    for (String name : new String[] {upper, upper.toLowerCase(Locale.ROOT)}) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }

  /** Parses one proxy URL; messages name {@code variable}, never the value. */
  static ProxyEndpoint parse(String variable, String value) {
    String text = value.trim();
    if (!text.contains("://")) {
      text = "http://" + text;
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw invalid(variable, "it is not a URL");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https") || scheme.startsWith("socks")) {
      throw invalid(
          variable,
          "scheme "
              + scheme
              + ":// is not supported (the driver's HTTP client speaks to proxies in plain HTTP only)"
              + "; use http://");
    }
    if (!scheme.equals("http")) {
      throw invalid(variable, "scheme " + scheme + ":// is not a proxy scheme; use http://");
    }
    if (uri.getHost() == null) {
      throw invalid(
          variable,
          "it names no host (percent-encode special characters such as @ : / in the user name and"
              + " password)");
    }
    String path = uri.getRawPath();
    if ((path != null && !path.isEmpty() && !path.equals("/"))
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw invalid(variable, "a proxy URL has no path, query or fragment");
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort() < 0 ? 80 : uri.getPort();
    return new ProxyEndpoint(host, port, credentials(variable, uri.getRawUserInfo()), variable);
  }

  private static Optional<ProxyCredentials> credentials(String variable, String rawUserInfo) {
    if (rawUserInfo == null || rawUserInfo.isEmpty()) {
      return Optional.empty();
    }
    int colon = rawUserInfo.indexOf(':');
    String user = colon < 0 ? rawUserInfo : rawUserInfo.substring(0, colon);
    String password = colon < 0 ? "" : rawUserInfo.substring(colon + 1);
    try {
      return Optional.of(
          new ProxyCredentials(
              Sensitive.ofUtf8(percentDecode(user)), Sensitive.ofUtf8(percentDecode(password))));
    } catch (IllegalArgumentException e) {
      throw invalid(variable, "its user name or password has a malformed %-escape");
    }
  }

  /** RFC 3986 percent-decoding ({@code +} stays a plus sign, unlike form decoding). */
  private static String percentDecode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static UserInputException invalid(String variable, String why) {
    return new UserInputException(
        "environment variable "
            + variable
            + " of the kubelet is not a usable proxy URL: "
            + why
            + "; fix: set it to http://[user:password@]host[:port] or unset it");
  }

  /** The proxy for a URL scheme, or empty when that scheme goes direct. */
  public Optional<ProxyEndpoint> forScheme(String scheme) {
    return switch (scheme == null ? "" : scheme.toLowerCase(Locale.ROOT)) {
      case "https" -> https;
      case "http" -> http;
      default -> Optional.empty();
    };
  }

  /** Whether a proxy URL carries credentials. */
  public boolean hasCredentials() {
    return https.map(p -> p.credentials().isPresent()).orElse(false)
        || http.map(p -> p.credentials().isPresent()).orElse(false);
  }

  /** Whether any proxy is configured. */
  public boolean any() {
    return https.isPresent() || http.isPresent();
  }

  @Override
  public String toString() {
    return "ProxySettings[https="
        + https.map(ProxyEndpoint::toString).orElse("none")
        + ", http="
        + http.map(ProxyEndpoint::toString).orElse("none")
        + ", "
        + noProxy
        + "]";
  }
}
