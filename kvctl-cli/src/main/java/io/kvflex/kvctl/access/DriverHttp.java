package io.kvflex.kvctl.access;

import com.azure.core.http.HttpClient;
import io.kvflex.cloud.CloudEnvironment;
import io.kvflex.options.IdentityMode;
import io.kvflex.vault.Deadline;
import io.kvflex.vault.VaultClient;
import io.kvflex.vault.VaultClients;
import io.kvflex.vault.credentials.Backoff;
import io.kvflex.vault.http.HttpSettings;
import io.kvflex.vault.http.ProxyFailure;
import io.kvflex.vault.http.ProxyLog;
import io.kvflex.vault.http.ProxySettings;
import io.kvflex.vault.http.Proxying;
import java.io.PrintStream;
import java.net.URI;
import java.util.Map;

/**
 * check-access's HTTP through the driver's own stack: TLS trusting the cloud environment's extra
 * CAs and the proxies of {@code HTTPS_PROXY}/{@code HTTP_PROXY}/{@code NO_PROXY} read from the
 * injected environment exactly as the driver reads them. The one place check-access touches the
 * driver's HTTP and credential internals.
 */
final class DriverHttp {
  private final Proxying proxying;

  /**
   * @param env the process environment (proxy variables; a bad value is a usage error naming it)
   * @param err where proxy warnings go (never credentials: the driver's log describes routes only)
   */
  DriverHttp(Map<String, String> env, PrintStream err) {
    this.proxying =
        new Proxying(
            ProxySettings.fromEnvironment(env),
            new ProxyLog() {
              @Override
              public void route(String scheme, String host, int port, String route) {
                // Routes are not printed: check-access's output is its report.
              }

              @Override
              public void warn(String message) {
                err.println("kvctl: warning: " + message);
              }
            });
  }

  /** The azure-core client for ARM, Graph and Entra ID. */
  HttpClient azureClient(CloudEnvironment cloud) {
    return settings(cloud).azureClient();
  }

  /** The driver's vault client for {@code --probe}: same token flow, TLS and proxies as a mount. */
  VaultClient vaultClient(
      String vaultName,
      String tenantId,
      CloudEnvironment cloud,
      IdentityMode identity,
      Deadline deadline) {
    return VaultClients.create(
        vaultName,
        tenantId,
        cloud,
        identity,
        deadline,
        new VaultClients.Tuning(settings(cloud), Backoff.DEFAULT));
  }

  /** Whether a call to {@code url} goes through a proxy (NO_PROXY and loopback go direct). */
  boolean proxied(String url) {
    URI u = URI.create(url);
    ProxySettings s = proxying.settings();
    int port = u.getPort() > 0 ? u.getPort() : u.getScheme().equals("http") ? 80 : 443;
    return s.forScheme(u.getScheme()).isPresent()
        && s.noProxy().bypass(u.getHost(), port).isEmpty();
  }

  /** The driver's words when the proxy itself failed (407, unreachable), naming the proxy. */
  static java.util.Optional<String> proxyProblem(Throwable failure) {
    return ProxyFailure.find(failure).map(p -> p.describe());
  }

  private HttpSettings settings(CloudEnvironment cloud) {
    return HttpSettings.withExtraCas(cloud.caCertificates()).withProxying(proxying);
  }
}
