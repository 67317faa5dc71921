package io.kvflex.vault.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routes each request of the azure-core HTTP client (Key Vault, Entra ID) by {@link ProxySettings}:
 * loopback, link-local and {@code NO_PROXY} hosts go direct, others through the scheme's proxy.
 * Reports the route of each scheme/host/port once to the {@link ProxyLog}, without credentials.
 */
final class EnvProxySelector extends ProxySelector {
  private final ProxySettings settings;
  private final ProxyLog log;
  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  EnvProxySelector(ProxySettings settings, ProxyLog log) {
    this.settings = settings;
    this.log = log;
  }

  @Override
  public List<Proxy> select(URI uri) {
    String scheme = scheme(uri);
    String host = uri.getHost() == null ? "" : uri.getHost();
    int port = port(uri);
    Optional<ProxyEndpoint> proxy = proxyFor(uri);
    if (proxy.isEmpty()) {
      report(
          scheme,
          host,
          port,
          settings.forScheme(scheme).isEmpty()
              ? "direct (no " + scheme.toUpperCase(Locale.ROOT) + "_PROXY)"
              : "direct (" + settings.noProxy().bypass(host, port).orElse("no host") + ")");
      return List.of(Proxy.NO_PROXY);
    }
    ProxyEndpoint p = proxy.get();
    report(scheme, host, port, p.describe() + " (" + p.variable() + ")");
    // Resolved per request, so a proxy name follows DNS (and the opt-in hosts file).
    return List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress(p.host(), p.port())));
  }

  /** The proxy a request to {@code uri} goes through, or empty when it goes direct. */
  Optional<ProxyEndpoint> proxyFor(URI uri) {
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      return Optional.empty();
    }
    Optional<ProxyEndpoint> proxy = settings.forScheme(scheme(uri));
    if (proxy.isEmpty() || settings.noProxy().bypass(host, port(uri)).isPresent()) {
      return Optional.empty();
    }
    return proxy;
  }

  private static String scheme(URI uri) {
    return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
  }

  private static int port(URI uri) {
    return uri.getPort() >= 0 ? uri.getPort() : scheme(uri).equals("http") ? 80 : 443;
  }

  private void report(String scheme, String host, int port, String route) {
    if (reported.add(scheme + "://" + host + ":" + port)) {
      log.route(scheme, host, port, route);
    }
  }

  @Override
  public String toString() {
    return "EnvProxySelector[" + settings + "]";
  }

  @Override
  public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
    // One proxy per scheme, nothing to fail over to: the request's own error reports it.
  }
}
