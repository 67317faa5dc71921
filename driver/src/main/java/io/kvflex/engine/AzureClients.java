package io.kvflex.engine;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import io.kvflex.cloud.CloudEndpoints;
import io.kvflex.cloud.CloudEnvironment;
import io.kvflex.cloud.CloudEnvironments;
import io.kvflex.options.IdentityMode;
import io.kvflex.options.MountRequest;
import io.kvflex.vault.VaultClient;
import io.kvflex.vault.VaultClients;
import io.kvflex.vault.credentials.Backoff;
import io.kvflex.vault.credentials.ImdsTokenSource;
import io.kvflex.vault.http.BoundedBody;
import io.kvflex.vault.http.Deadline;
import io.kvflex.vault.http.HttpSettings;
import io.kvflex.vault.http.HttpThreads;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The driver's Azure plumbing for callers that are not mounts ({@code kvctl check-access}): the
 * same TLS trust, IMDS client and vault client a mount uses, without reaching into the vault
 * adapter's packages. Proxies are the caller's choice ({@link ProxyEnvironment}); without one,
 * calls go direct.
 */
public final class AzureClients {
  private AzureClients() {}

  /** An azure-core HTTP client trusting the JDK's CAs plus the cloud's extra CAs. */
  public static HttpClient httpClient(CloudEnvironment cloud) {
    return httpClient(cloud, ProxyEnvironment.NONE);
  }

  /** The same, routed through the process's proxies as a mount's calls are. */
  public static HttpClient httpClient(CloudEnvironment cloud, ProxyEnvironment proxies) {
    return HttpSettings.withExtraCas(cloud.caCertificates())
        .withProxying(proxies.proxying())
        .azureClient();
  }

  /**
   * A token of the machine's system-assigned managed identity for {@code resource}, from the IMDS
   * at {@code imds} (the cloud environment's {@code kvflex.imdsEndpoint} or the real one), retried
   * within {@code timeout} as a mount would.
   *
   * @throws RuntimeException when IMDS gives no token; its message names IMDS, the status and the
   *     fix, never a token
   */
  public static AccessToken imdsToken(URI imds, String resource, Duration timeout, Clock clock) {
    HttpSettings http = HttpSettings.withExtraCas(List.of());
    HttpThreads threads = new HttpThreads();
    Deadline deadline = Deadline.after(clock, timeout);
    return new ImdsTokenSource(
            http.jdkClient(threads),
            BoundedBody.of(deadline, threads),
            imds,
            resource,
            new IdentityMode.VmManagedIdentity(Optional.empty()),
            deadline,
            Backoff.DEFAULT,
            http.readTimeout())
        .fetch(new TokenRequestContext());
  }

  /**
   * A client of {@code vaultName} as {@code identity}, built exactly as a mount builds it (same
   * credentials, endpoints and TLS); its calls give up after {@code timeout}.
   */
  public static VaultClient vaultClient(
      String vaultName,
      String tenantId,
      CloudEnvironment cloud,
      IdentityMode identity,
      Duration timeout,
      Clock clock) {
    return vaultClient(vaultName, tenantId, cloud, identity, timeout, clock, ProxyEnvironment.NONE);
  }

  /** The same, with Key Vault and Entra ID calls routed through the process's proxies. */
  public static VaultClient vaultClient(
      String vaultName,
      String tenantId,
      CloudEnvironment cloud,
      IdentityMode identity,
      Duration timeout,
      Clock clock,
      ProxyEnvironment proxies) {
    return VaultClients.create(
        vaultName,
        tenantId,
        cloud,
        identity,
        Deadline.after(clock, timeout),
        new VaultClients.Tuning(
            HttpSettings.withExtraCas(cloud.caCertificates()).withProxying(proxies.proxying()),
            Backoff.DEFAULT));
  }

  /**
   * The vault URL a mount of {@code request} calls ({@code https://<vault>.<suffix>/}, a cloud
   * environment file's port included): its cloud resolved for its identity as the engine resolves
   * it, so callers that check the vault first ({@code kvctl fetch}'s preflight) ask the same host.
   *
   * @throws io.kvflex.errors.UserInputException when the cloud environment file is missing or
   *     invalid
   */
  public static URI vaultUrl(MountRequest request) {
    CloudEnvironment cloud = CloudEnvironments.resolve(request.cloud(), request.identity());
    return URI.create(CloudEndpoints.vaultUrl(cloud, request.vaultName()));
  }
}
