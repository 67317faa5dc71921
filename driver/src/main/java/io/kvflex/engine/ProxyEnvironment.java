package io.kvflex.engine;

import io.kvflex.vault.http.ProxyFailure;
import io.kvflex.vault.http.ProxyLog;
import io.kvflex.vault.http.ProxySettings;
import io.kvflex.vault.http.Proxying;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The proxies of a process ({@code HTTPS_PROXY}, {@code HTTP_PROXY}, {@code NO_PROXY}), read as the
 * driver reads them, for callers that are not mounts ({@code kvctl check-access}); hand it to
 * {@link AzureClients} so ARM, Graph, Entra ID and Key Vault calls take the routes a mount takes.
 */
public final class ProxyEnvironment {
  /** No proxy: every call goes direct. */
  public static final ProxyEnvironment NONE = new ProxyEnvironment(Proxying.NONE);

  private final Proxying proxying;

  private ProxyEnvironment(Proxying proxying) {
    this.proxying = proxying;
  }

  /**
   * @param env the process environment
   * @param warnings configuration problems that do not stop the calls (never credentials)
   * @throws io.kvflex.errors.UserInputException naming the variable whose value is not a usable
   *     proxy URL (the value itself is never echoed)
   */
  public static ProxyEnvironment of(Map<String, String> env, Consumer<String> warnings) {
    return new ProxyEnvironment(
        new Proxying(
            ProxySettings.fromEnvironment(env),
            new ProxyLog() {
              @Override
              public void route(String scheme, String host, int port, String route) {
                // Routes are a mount's log events; other callers print their own output.
              }

              @Override
              public void warn(String message) {
                warnings.accept(message);
              }
            }));
  }

  /** Whether a call to {@code url} goes through a proxy (loopback and NO_PROXY go direct). */
  public boolean proxied(String url) {
    URI u = URI.create(url);
    ProxySettings s = proxying.settings();
    int port = u.getPort() > 0 ? u.getPort() : "http".equalsIgnoreCase(u.getScheme()) ? 80 : 443;
    return s.forScheme(u.getScheme()).isPresent()
        && s.noProxy().bypass(u.getHost(), port).isEmpty();
  }

  /**
   * When the proxy itself failed a call (refused the credentials, could not be reached): what
   * failed, naming the proxy and its variable, and the fix; empty for any other failure.
   */
  public static Optional<String> failure(Throwable t) {
    return ProxyFailure.find(t).map(p -> p.describe());
  }

  Proxying proxying() {
    return proxying;
  }
}
