package io.kvflex.kvctl.access;

import com.azure.core.http.HttpClient;
import io.kvflex.cloud.CloudEnvironment;
import io.kvflex.engine.AzureClients;
import io.kvflex.engine.ProxyEnvironment;
import io.kvflex.kvctl.net.Proxies;
import io.kvflex.options.IdentityMode;
import io.kvflex.vault.VaultClient;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * check-access's HTTP through the driver's public API ({@link AzureClients}): TLS trusting the
 * cloud environment's extra CAs and the proxies of {@code HTTPS_PROXY}/{@code HTTP_PROXY}/{@code
 * NO_PROXY} read from the injected environment exactly as the driver reads them.
 */
final class DriverHttp {
  private final ProxyEnvironment proxies;

  /**
   * @param env the process environment (proxy variables; a bad value is a usage error naming it)
   * @param err where proxy warnings go (never credentials)
   */
  DriverHttp(Map<String, String> env, PrintStream err) {
    this.proxies = Proxies.read(env, err);
  }

  /** The azure-core client for ARM, Graph and Entra ID. */
  HttpClient azureClient(CloudEnvironment cloud) {
    return AzureClients.httpClient(cloud, proxies);
  }

  /** The driver's vault client for {@code --probe}: same token flow, TLS and proxies as a mount. */
  VaultClient vaultClient(
      String vaultName,
      String tenantId,
      CloudEnvironment cloud,
      IdentityMode identity,
      Duration timeout,
      Clock clock) {
    return AzureClients.vaultClient(vaultName, tenantId, cloud, identity, timeout, clock, proxies);
  }

  /** Whether a call to {@code url} goes through a proxy (NO_PROXY and loopback go direct). */
  boolean proxied(String url) {
    return proxies.proxied(url);
  }
}
