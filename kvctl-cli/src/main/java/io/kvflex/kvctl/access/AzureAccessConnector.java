package io.kvflex.kvctl.access;

import com.azure.core.http.HttpClient;
import io.kvflex.cloud.CloudEnvironment;
import io.kvflex.cloud.CloudEnvironments;
import io.kvflex.kvctl.net.FailureHints;
import io.kvflex.kvctl.net.RunDeadline;
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
  private final PrintStream err;
  private DriverHttp http;

  /**
   * @param env the process environment: caller credentials and proxy variables
   * @param err where warnings go
   */
  public AzureAccessConnector(Map<String, String> env, PrintStream err) {
    this.env = Map.copyOf(env);
    this.err = err;
  }

  /**
   * The proxies are read when check-access first needs them, not when kvctl builds its commands: a
   * bad HTTPS_PROXY is then check-access's usage error, and no other command's business.
   */
  private synchronized DriverHttp http() {
    if (http == null) {
      http = new DriverHttp(env, err);
    }
    return http;
  }

  @Override
  public AccessChecker checker(CloudSelection selection, RunDeadline deadline) {
    CloudEnvironment cloud = CloudEnvironments.resolve(selection);
    AccessEndpoints endpoints = CloudEndpoints.access(cloud);
    DriverHttp http = http();
    HttpClient client = http.azureClient(cloud);
    return AccessClients.checker(
        endpoints,
        client,
        CallerCredentials.from(env, cloud, client, Clock.systemUTC(), deadline),
        Sleeper.real(),
        http::proxied,
        deadline,
        new FailureHints(env, deadline.limit()));
  }

  @Override
  public AccessChecker.Prober prober(
      CloudSelection selection,
      IdentityMode identity,
      Optional<String> tenantId,
      RunDeadline deadline) {
    return new VaultProber(
        CloudEnvironments.resolve(selection, identity),
        identity,
        tenantId,
        Clock.systemUTC(),
        http(),
        deadline,
        new FailureHints(env, deadline.limit()));
  }
}
