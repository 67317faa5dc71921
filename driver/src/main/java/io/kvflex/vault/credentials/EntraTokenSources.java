package io.kvflex.vault.credentials;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.util.Configuration;
import com.azure.identity.AadCredentialBuilderBase;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import io.kvflex.cloud.CloudEndpoints;
import io.kvflex.cloud.CloudEnvironment;
import io.kvflex.options.IdentityMode.ServicePrincipalCertificate;
import io.kvflex.options.IdentityMode.ServicePrincipalSecret;
import io.kvflex.vault.http.Deadline;
import java.util.concurrent.ExecutorService;

/**
 * Service-principal token sources over azure-identity: client secret, or client certificate (PEM or
 * PKCS#12, given as a stream). Both use the cloud's authority host, the volume's tenant, the
 * mount's one HTTP client with the vault's limits ({@link Http}), {@link Configuration#NONE} (no
 * AZURE_* process variables change behaviour), no instance discovery (one request per token: the
 * token request), and a wait bounded by the mount deadline.
 */
public final class EntraTokenSources {
  /**
   * How token requests travel: the mount's HTTP client, daemon threads for MSAL (azure-core's
   * shared executor would register a JVM shutdown hook that waits for a request to a dead peer),
   * the deadline-bounded retry policy and the per-try policies (response timeout capped by the
   * deadline, body read within limits).
   */
  public record Http(
      HttpClient client,
      ExecutorService executor,
      RetryPolicy retry,
      HttpPipelinePolicy... perTry) {}

  private EntraTokenSources() {}

  public static TokenSource clientSecret(
      ServicePrincipalSecret sp,
      String tenantId,
      CloudEnvironment cloud,
      Http http,
      Deadline deadline) {
    ClientSecretCredentialBuilder b =
        new ClientSecretCredentialBuilder()
            .clientId(sp.clientId())
            .clientSecret(sp.clientSecret().revealUtf8());
    TokenCredential credential = common(b, tenantId, cloud, http).build();
    return bounded(
        credential,
        new EntraFailures(
            CloudEndpoints.tokenEndpoint(cloud, tenantId), sp.clientId(), tenantId, false),
        deadline);
  }

  public static TokenSource clientCertificate(
      ServicePrincipalCertificate sp,
      String tenantId,
      CloudEnvironment cloud,
      Http http,
      Deadline deadline) {
    ClientCertificateMaterial material = ClientCertificateMaterial.of(sp);
    ClientCertificateCredentialBuilder b =
        new ClientCertificateCredentialBuilder().clientId(sp.clientId());
    if (material.kind() == ClientCertificateMaterial.Kind.PEM) {
      b.pemCertificate(material.stream());
    } else {
      b.pfxCertificate(material.stream()).clientCertificatePassword(material.password());
    }
    TokenCredential credential = common(b, tenantId, cloud, http).build();
    return bounded(
        credential,
        new EntraFailures(
            CloudEndpoints.tokenEndpoint(cloud, tenantId), sp.clientId(), tenantId, true),
        deadline);
  }

  private static <T extends AadCredentialBuilderBase<T>> T common(
      T builder, String tenantId, CloudEnvironment cloud, Http http) {
    // configuration() first: setting it re-reads the authority host from that configuration, so
    // called after authorityHost() it would silently reset it to the public cloud's login host.
    builder
        .configuration(Configuration.NONE)
        .tenantId(tenantId)
        .authorityHost(CloudEndpoints.authority(cloud))
        .httpClient(http.client())
        .executorService(http.executor())
        .retryPolicy(http.retry());
    for (HttpPipelinePolicy policy : http.perTry()) {
      builder.addPolicy(policy);
    }
    // No instance discovery, for any cloud. MSAL would otherwise GET
    // {host}/common/discovery/instance
    // before the token request of every mount (its metadata cache lives as long as the JVM, i.e.
    // one mount): a round trip to validate an authority that comes from our own cloud table or the
    // admin's cloud environment file, and to learn host aliases for a token cache we do not share.
    // A private authority (Azure Stack Hub, an air-gapped cloud) would be sent to
    // login.microsoftonline.com. Without it the token request goes to the configured host as is.
    builder.disableInstanceDiscovery();
    return builder;
  }

  private static TokenSource bounded(
      TokenCredential credential, EntraFailures failures, Deadline deadline) {
    return (TokenRequestContext context) -> {
      try {
        AccessToken token = credential.getToken(context).block(deadline.remaining());
        if (token == null) {
          throw new IllegalStateException("Timeout: no token");
        }
        return token;
      } catch (RuntimeException e) {
        throw new TokenFailure(failures.classify(e), e);
      }
    };
  }
}
