package io.kvflex.kvctl.access;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.identity.AzureCliCredentialBuilder;
import com.azure.identity.ChainedTokenCredentialBuilder;
import com.azure.identity.EnvironmentCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import io.kvflex.cloud.CloudEnvironment;
import io.kvflex.cloud.CloudEnvironments;
import io.kvflex.engine.AzureClients;
import io.kvflex.options.CloudSelection;
import io.kvflex.options.IdentityMode;
import java.time.Clock;
import java.util.Optional;

/**
 * Production wiring: endpoints and extra CAs from the cloud environment, the caller's credential
 * from a default-like chain (environment variables, Azure CLI login, managed identity), with the
 * authority and IMDS of that cloud.
 */
public final class AzureAccessConnector implements AccessConnector {
  @Override
  public AccessChecker checker(CloudSelection selection) {
    CloudEnvironment cloud = CloudEnvironments.resolve(selection);
    HttpClient http = AzureClients.httpClient(cloud);
    return AccessClients.checker(
        CloudEndpoints.access(cloud), http, callerCredential(cloud, http), Sleeper.real());
  }

  @Override
  public AccessChecker.Prober prober(
      CloudSelection selection, IdentityMode identity, Optional<String> tenantId) {
    return new VaultProber(
        CloudEnvironments.resolve(selection, identity), identity, tenantId, Clock.systemUTC());
  }

  /**
   * Whoever runs kvctl: {@code AZURE_CLIENT_ID}/{@code AZURE_TENANT_ID}/{@code AZURE_CLIENT_SECRET}
   * (or certificate) first, then {@code az login}, then a managed identity (last: probing IMDS off
   * Azure is slow).
   */
  static TokenCredential callerCredential(CloudEnvironment cloud, HttpClient http) {
    String authority = cloud.authorityHost().toString();
    TokenCredential managed =
        cloud.imdsEndpoint().equals(CloudEnvironment.DEFAULT_IMDS)
            ? new ManagedIdentityCredentialBuilder().httpClient(http).build()
            // The cloud environment's kvflex.imdsEndpoint (MSAL4J would ignore an override).
            : new ImdsCallerCredential(cloud.imdsEndpoint(), Clock.systemUTC());
    return new ChainedTokenCredentialBuilder()
        .addLast(
            new EnvironmentCredentialBuilder().authorityHost(authority).httpClient(http).build())
        .addLast(new AzureCliCredentialBuilder().build())
        .addLast(managed)
        .build();
  }
}
