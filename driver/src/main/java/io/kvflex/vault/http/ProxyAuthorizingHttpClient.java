package io.kvflex.vault.http;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * Sends Basic proxy credentials with every request routed through a proxy whose URL carries them,
 * pre-emptively, as Go's {@code net/http} (the legacy driver) and curl do.
 *
 * <p>Why not a {@link java.net.Authenticator}: JDK 17's HTTP client drops every user-set {@code
 * Authorization} header once an authenticator is installed, which would strip Key Vault's Bearer
 * token. A {@code Proxy-Authorization} header instead reaches only the proxy: the JDK copies {@code
 * Proxy-*} headers into the CONNECT request and filters them out of the request sent inside the
 * tunnel (and out of direct requests). The JDK still refuses Basic on tunnels unless {@code
 * jdk.http.auth.tunneling.disabledSchemes} is cleared at JVM start (the {@code kv} launcher does).
 */
final class ProxyAuthorizingHttpClient implements HttpClient {
  private final HttpClient delegate;
  private final EnvProxySelector routes;

  ProxyAuthorizingHttpClient(HttpClient delegate, EnvProxySelector routes) {
    this.delegate = delegate;
    this.routes = routes;
  }

  @Override
  public Mono<HttpResponse> send(HttpRequest request) {
    return delegate.send(authorize(request));
  }

  @Override
  public Mono<HttpResponse> send(HttpRequest request, Context context) {
    return delegate.send(authorize(request), context);
  }

  @Override
  public HttpResponse sendSync(HttpRequest request, Context context) {
    return delegate.sendSync(authorize(request), context);
  }

  HttpRequest authorize(HttpRequest request) {
    Optional<ProxyCredentials> credentials;
    try {
      credentials = routes.proxyFor(request.getUrl().toURI()).flatMap(ProxyEndpoint::credentials);
    } catch (URISyntaxException e) {
      credentials = Optional.empty(); // the client rejects such a URL itself
    }
    if (credentials.isPresent()) {
      request.getHeaders().set(HttpHeaderName.PROXY_AUTHORIZATION, basic(credentials.get()));
    } else {
      request.getHeaders().remove(HttpHeaderName.PROXY_AUTHORIZATION);
    }
    return request;
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
    return "ProxyAuthorizingHttpClient[" + routes + "]";
  }
}
