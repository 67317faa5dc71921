package io.kvflex.vault;

import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.util.Configuration;
import com.azure.security.keyvault.certificates.CertificateClientBuilder;
import com.azure.security.keyvault.certificates.CertificateServiceVersion;
import com.azure.security.keyvault.keys.KeyClientBuilder;
import com.azure.security.keyvault.keys.KeyServiceVersion;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.security.keyvault.secrets.SecretServiceVersion;
import io.kvflex.cloud.CloudEndpoints;
import io.kvflex.cloud.CloudEnvironment;
import io.kvflex.options.IdentityMode;
import io.kvflex.options.MountRequest;
import io.kvflex.vault.credentials.Backoff;
import io.kvflex.vault.credentials.EntraTokenSources;
import io.kvflex.vault.credentials.ImdsTokenSource;
import io.kvflex.vault.credentials.NmiTokenSource;
import io.kvflex.vault.credentials.OnceTokenCredential;
import io.kvflex.vault.credentials.TokenCache;
import io.kvflex.vault.credentials.TokenSource;
import io.kvflex.vault.http.Deadline;
import io.kvflex.vault.http.DeadlineRetryStrategy;
import io.kvflex.vault.http.DeadlineTimeoutPolicy;
import io.kvflex.vault.http.HttpSettings;
import io.kvflex.vault.http.ProxySettings;
import io.kvflex.vault.http.Proxying;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Builds the {@link VaultClient} of one mount: HTTP clients (JDK HttpClient, TLS trusting the JDK
 * CAs plus the cloud's extra CAs), one credential for the identity mode wrapped so the whole mount
 * makes at most one token request (none when a {@link WarmState} holds a fresh token of the same
 * identity), and Key Vault clients whose retries stop before the deadline.
 */
public final class VaultClients {
  /** Key Vault retries (429/5xx/resets), each also bounded by the deadline. */
  private static final int MAX_RETRIES = 4;

  private static final Duration BASE_DELAY = Duration.ofMillis(500);
  private static final Duration MAX_DELAY = Duration.ofSeconds(8);

  /** Every wait of the adapter ends this long before the mount deadline (see Deadline). */
  private static final Duration RESERVE = Duration.ofMillis(500);

  /** Tuning that tests shorten; production uses {@link #DEFAULTS}. */
  public record Tuning(HttpSettings http, Backoff tokenBackoff) {}

  private VaultClients() {}

  /**
   * The client for one mount, from its validated request.
   *
   * @param request the parsed mount request (vault name, tenant, identity)
   * @param cloud the resolved cloud environment ({@code CloudEnvironments.resolve})
   * @param deadline the mount deadline; no wait or retry goes past it
   */
  public static AzureVaultClient create(
      MountRequest request, CloudEnvironment cloud, Deadline deadline) {
    return create(request, cloud, deadline, Proxying.NONE);
  }

  /**
   * The client for one mount, routing Key Vault and Entra ID calls through the environment's
   * proxies ({@code HTTPS_PROXY}, {@code NO_PROXY}, ...); NMI and IMDS are never proxied. Built
   * from scratch: nothing is shared with other mounts.
   *
   * @param proxying the parsed proxy settings ({@code ProxySettings.fromEnvironment}) and their log
   */
  public static AzureVaultClient create(
      MountRequest request, CloudEnvironment cloud, Deadline deadline, Proxying proxying) {
    return forRequest(
        request,
        cloud,
        deadline,
        Connections.of(HttpSettings.withExtraCas(cloud.caCertificates()).withProxying(proxying)),
        TokenCache.create(deadline.clock()));
  }

  /**
   * The client for one mount, reusing what {@code warm} keeps from earlier mounts of this process:
   * HTTP clients (kept-alive connections) for the cloud's trust and these proxies, and the token of
   * the mount's exact identity while it is fresh ({@link TokenCache}).
   *
   * @param proxies the mount's proxy settings ({@code ProxySettings.fromEnvironment})
   */
  public static AzureVaultClient create(
      MountRequest request,
      CloudEnvironment cloud,
      Deadline deadline,
      ProxySettings proxies,
      WarmState warm) {
    return forRequest(
        request, cloud, deadline, warm.connections(cloud.caCertificates(), proxies), warm.tokens());
  }

  private static AzureVaultClient forRequest(
      MountRequest request,
      CloudEnvironment cloud,
      Deadline deadline,
      Connections connections,
      TokenCache tokens) {
    return build(
        request.vaultName(),
        request.tenantId(),
        cloud,
        request.identity(),
        request.pod().uid(),
        deadline,
        connections,
        Backoff.DEFAULT,
        tokens);
  }

  /**
   * The client for one mount.
   *
   * @param vaultName Key Vault name (validated by options)
   * @param tenantId the volume's {@code tenantid}
   * @param cloud the cloud's endpoints and extra CAs
   * @param identity the volume's identity mode
   * @param deadline the mount deadline; no wait or retry goes past it
   */
  public static AzureVaultClient create(
      String vaultName,
      String tenantId,
      CloudEnvironment cloud,
      IdentityMode identity,
      Deadline deadline) {
    return create(
        vaultName,
        tenantId,
        cloud,
        identity,
        deadline,
        new Tuning(HttpSettings.withExtraCas(cloud.caCertificates()), Backoff.DEFAULT));
  }

  /** As {@link #create(String, String, CloudEnvironment, IdentityMode, Deadline)}, tuned. */
  public static AzureVaultClient create(
      String vaultName,
      String tenantId,
      CloudEnvironment cloud,
      IdentityMode identity,
      Deadline mountDeadline,
      Tuning tuning) {
    return build(
        vaultName,
        tenantId,
        cloud,
        identity,
        "",
        mountDeadline,
        Connections.of(tuning.http()),
        tuning.tokenBackoff(),
        TokenCache.create(mountDeadline.clock()));
  }

  private static AzureVaultClient build(
      String vaultName,
      String tenantId,
      CloudEnvironment cloud,
      IdentityMode identity,
      String podUid,
      Deadline mountDeadline,
      Connections connections,
      Backoff backoff,
      TokenCache tokens) {
    Deadline deadline = mountDeadline.reserving(RESERVE);
    String vaultUrl = CloudEndpoints.vaultUrl(cloud, vaultName);
    HttpClient http = connections.azure();
    // Built only when the cache has no fresh token (a warm mount never builds a credential).
    TokenSource request =
        context ->
            tokenSource(tenantId, cloud, identity, deadline, connections, backoff).fetch(context);
    TokenSource source =
        tokens.cached(tokens.keyOf(identity, tenantId, cloud, podUid), request, deadline);
    OnceTokenCredential credential =
        new OnceTokenCredential(
            source,
            tenantId,
            vaultUrl,
            () -> OffsetDateTime.ofInstant(deadline.clock().instant(), ZoneOffset.UTC));
    HttpSettings settings = connections.settings();
    DeadlineRetryStrategy retry =
        new DeadlineRetryStrategy(
            deadline, MAX_RETRIES, BASE_DELAY, MAX_DELAY, settings.connectTimeout());
    DeadlineTimeoutPolicy attemptTimeout =
        new DeadlineTimeoutPolicy(deadline, settings.readTimeout());
    return new AzureVaultClient(
        vaultName,
        new SecretClientBuilder()
            .vaultUrl(vaultUrl)
            .credential(credential)
            .httpClient(http)
            .retryPolicy(new RetryPolicy(retry))
            .addPolicy(attemptTimeout)
            .configuration(Configuration.NONE)
            .serviceVersion(SecretServiceVersion.V7_4)
            .buildClient(),
        new KeyClientBuilder()
            .vaultUrl(vaultUrl)
            .credential(credential)
            .httpClient(http)
            .retryPolicy(new RetryPolicy(retry))
            .addPolicy(attemptTimeout)
            .configuration(Configuration.NONE)
            .serviceVersion(KeyServiceVersion.V7_4)
            .buildClient(),
        new CertificateClientBuilder()
            .vaultUrl(vaultUrl)
            .credential(credential)
            .httpClient(http)
            .retryPolicy(new RetryPolicy(retry))
            .addPolicy(attemptTimeout)
            .configuration(Configuration.NONE)
            .serviceVersion(CertificateServiceVersion.V7_4)
            .buildClient(),
        credential,
        new VaultFailures(vaultName, vaultUrl, identity),
        deadline);
  }

  private static TokenSource tokenSource(
      String tenantId,
      CloudEnvironment cloud,
      IdentityMode identity,
      Deadline deadline,
      Connections connections,
      Backoff backoff) {
    HttpSettings settings = connections.settings();
    if (identity instanceof IdentityMode.ServicePrincipalSecret sp) {
      return EntraTokenSources.clientSecret(sp, tenantId, cloud, connections.azure(), deadline);
    }
    if (identity instanceof IdentityMode.ServicePrincipalCertificate sp) {
      return EntraTokenSources.clientCertificate(
          sp, tenantId, cloud, connections.azure(), deadline);
    }
    if (identity instanceof IdentityMode.PodIdentity pod) {
      return new NmiTokenSource(
          connections.local(),
          cloud.nmiEndpoint(),
          cloud.vaultResource(),
          pod,
          deadline,
          backoff,
          settings.readTimeout());
    }
    IdentityMode.VmManagedIdentity vm = (IdentityMode.VmManagedIdentity) identity;
    return new ImdsTokenSource(
        connections.local(),
        cloud.imdsEndpoint(),
        cloud.vaultResource(),
        vm,
        deadline,
        backoff,
        settings.readTimeout());
  }
}
