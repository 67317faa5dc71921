package io.kvflex.kvctl.access;

import com.azure.core.http.HttpClient;
import io.kvflex.cloud.CloudEnvironment;
import io.kvflex.cloud.CloudEnvironments;
import io.kvflex.options.CloudSelection;
import io.kvflex.options.IdentityMode;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Production wiring: endpoints and extra CAs from the cloud environment, proxies from the
 * environment ({@link DriverHttp}), the caller's credential from the environment, {@code az login}
 * or a managed identity ({@link CallerCredentials}), with the authority and IMDS of that cloud.
 */
public final class AzureAccessConnector implements AccessConnector {
  private final Map<String, String> env;
  private final DriverHttp http;

  /**
   * @param env the process environment: caller credentials and proxy variables
   * @param err where warnings go
   */
  public AzureAccessConnector(Map<String, String> env, PrintStream err) {
    this.env = Map.copyOf(env);
    this.http = new DriverHttp(env, err);
  }

  @Override
  public AccessChecker checker(CloudSelection selection) {
    CloudEnvironment cloud = CloudEnvironments.resolve(selection);
    AccessEndpoints endpoints = CloudEndpoints.access(cloud);
    HttpClient client = http.azureClient(cloud);
    return AccessClients.checker(
        endpoints,
        client,
        CallerCredentials.from(env, cloud, client, Clock.systemUTC()),
        Sleeper.real(),
        http::proxied);
  }

  @Override
  public AccessChecker.Prober prober(
      CloudSelection selection, IdentityMode identity, Optional<String> tenantId) {
    return new VaultProber(
        CloudEnvironments.resolve(selection, identity),
        identity,
        tenantId,
        Clock.systemUTC(),
        http);
  }
}
