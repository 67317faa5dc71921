package io.kvflex.vault.http;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import java.net.ConnectException;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * The azure-core client when a proxy is configured: sends the proxy's Basic credentials with every
 * request routed through it, and turns the proxy's own failures (407, unreachable) into a {@link
 * ProxyFailure} that names the proxy rather than the endpoint behind it.
 *
 * <p>Credentials go pre-emptively, as Go's {@code net/http} (the legacy driver) and curl send them.
 * Why not a {@link java.net.Authenticator}: JDK 17's HTTP client drops every user-set {@code
 * Authorization} header once an authenticator is installed, which would strip Key Vault's Bearer
 * token. A {@code Proxy-Authorization} header reaches only the proxy: the JDK copies {@code
 * Proxy-*} headers into the CONNECT request and filters them out of the request sent inside the
 * tunnel (and out of direct requests). The JDK still refuses Basic on tunnels unless {@code
 * jdk.http.auth.tunneling.disabledSchemes} is cleared at JVM start (the {@code kv} launcher does).
 */
final class ProxiedHttpClient implements HttpClient {
  private final HttpClient delegate;
  private final EnvProxySelector routes;
  private final boolean basicTunneling;

  /**
   * @param basicTunneling whether this JVM sends Basic proxy credentials on HTTPS tunnels ({@link
   *     HttpSettings#basicTunnelingAllowed})
   */
  ProxiedHttpClient(HttpClient delegate, EnvProxySelector routes, boolean basicTunneling) {
    this.delegate = delegate;
    this.routes = routes;
    this.basicTunneling = basicTunneling;
  }

  @Override
  public Mono<HttpResponse> send(HttpRequest request) {
    return send(request, Context.NONE);
  }

  @Override
  public Mono<HttpResponse> send(HttpRequest request, Context context) {
    Optional<ProxyEndpoint> proxy = authorize(request);
    return delegate
        .send(request, context)
        .map(response -> checked(response, request, proxy))
        .onErrorMap(e -> unreachable(e, request, proxy).map(Throwable.class::cast).orElse(e));
  }

  @Override
  public HttpResponse sendSync(HttpRequest request, Context context) {
    Optional<ProxyEndpoint> proxy = authorize(request);
    try {
      return checked(delegate.sendSync(request, context), request, proxy);
    } catch (RuntimeException e) {
      throw unreachable(e, request, proxy).map(RuntimeException.class::cast).orElse(e);
    }
  }

  /** Sets (or clears) Proxy-Authorization for the request's route; returns the route's proxy. */
  Optional<ProxyEndpoint> authorize(HttpRequest request) {
    Optional<ProxyEndpoint> proxy;
    try {
      proxy = routes.proxyFor(request.getUrl().toURI());
    } catch (URISyntaxException e) {
      proxy = Optional.empty(); // the JDK client rejects such a URL itself
    }
    Optional<ProxyCredentials> credentials = proxy.flatMap(ProxyEndpoint::credentials);
    if (credentials.isPresent()) {
      request.getHeaders().set(HttpHeaderName.PROXY_AUTHORIZATION, basic(credentials.get()));
    } else {
      request.getHeaders().remove(HttpHeaderName.PROXY_AUTHORIZATION);
    }
    return proxy;
  }

  private HttpResponse checked(
      HttpResponse response, HttpRequest request, Optional<ProxyEndpoint> proxy) {
    if (response.getStatusCode() != 407 || proxy.isEmpty()) {
      return response;
    }
    try {
      response.close();
    } catch (RuntimeException noBody) {
      // azure-core's JDK response NPEs closing the body-less answer to a CONNECT; nothing to free
    }
    ProxyEndpoint p = proxy.get();
    throw new ProxyFailure(
        Problem.of(
            "the proxy " + p.describe() + " (" + p.variable() + ") refused the request",
            endpoint(request),
            407,
            p.credentials().isEmpty()
                ? "the proxy requires authentication"
                : basicTunneling || !request.getUrl().getProtocol().equals("https")
                    ? "the proxy rejected the user name or password of " + p.variable()
                    : "this JVM does not send Basic proxy credentials on HTTPS tunnels",
            p.credentials().isEmpty() || basicTunneling
                ? "put the proxy account into "
                    + p.variable()
                    + " as http://user:password@host:port (percent-encode special characters)"
                : "run the driver through its kv launcher, which starts Java with -D"
                    + HttpSettings.TUNNELING_DISABLED_SCHEMES
                    + "="));
  }

  private static Optional<ProxyFailure> unreachable(
      Throwable e, HttpRequest request, Optional<ProxyEndpoint> proxy) {
    if (proxy.isEmpty()) {
      return Optional.empty();
    }
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof ConnectException) {
        ProxyEndpoint p = proxy.get();
        return Optional.of(
            new ProxyFailure(
                Problem.of(
                    "the proxy " + p.describe() + " (" + p.variable() + ") cannot be reached",
                    endpoint(request),
                    0,
                    "connection to the proxy failed (refused or unreachable)",
                    "check "
                        + p.variable()
                        + " and that the proxy runs; list hosts that must bypass it in NO_PROXY")));
      }
    }
    return Optional.empty();
  }

  /** Scheme, authority and path of the request: never its query. */
  private static String endpoint(HttpRequest request) {
    java.net.URL u = request.getUrl();
    return u.getProtocol() + "://" + u.getAuthority() + u.getPath();
  }

  static String basic(ProxyCredentials c) {
    byte[] user = c.user().reveal();
    byte[] password = c.password().reveal();
    byte[] both = new byte[user.length + 1 + password.length];
    System.arraycopy(user, 0, both, 0, user.length);
    both[user.length] = (byte) ':';
    System.arraycopy(password, 0, both, user.length + 1, password.length);
    return "Basic " + Base64.getEncoder().encodeToString(both);
  }

  @Override
  public String toString() {
    return "ProxiedHttpClient[" + routes + "]";
  }
}
