package io.kvflex.vault;

import com.azure.core.client.traits.ConfigurationTrait;
import com.azure.core.client.traits.HttpTrait;
import com.azure.core.client.traits.TokenCredentialTrait;
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
import io.kvflex.vault.credentials.TokenSource;
import io.kvflex.vault.http.BoundedBody;
import io.kvflex.vault.http.BoundedBodyPolicy;
import io.kvflex.vault.http.Deadline;
import io.kvflex.vault.http.DeadlineRetryStrategy;
import io.kvflex.vault.http.DeadlineTimeoutPolicy;
import io.kvflex.vault.http.HttpSettings;
import io.kvflex.vault.http.HttpThreads;
import io.kvflex.vault.http.Proxying;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Builds the {@link VaultClient} of one mount: one HTTP client (JDK HttpClient, TLS trusting the
 * JDK CAs plus the cloud's extra CAs), one credential for the identity mode wrapped so the whole
 * mount makes one token request, and Key Vault clients whose retries stop before the deadline.
 */
public final class VaultClients {
  /** Key Vault retries (429/5xx/resets), each also bounded by the deadline. */
  private static final int MAX_RETRIES = 4;

  private static final Duration BASE_DELAY = Duration.ofMillis(500);
  private static final Duration MAX_DELAY = Duration.ofSeconds(8);

  /** Every wait of the adapter ends this long before the mount deadline (see Deadline). */
  private static final Duration RESERVE = Duration.ofMillis(500);

  /** Entra ID retries (429/5xx/resets, each bounded by the deadline). */
  private static final int ENTRA_RETRIES = 2;

  /**
   * Tuning that tests shorten.
   *
   * @param bodyIdle longest silence between the bytes of an answer's body ({@link BoundedBody})
   */
  public record Tuning(HttpSettings http, Backoff tokenBackoff, Duration bodyIdle) {
    public Tuning(HttpSettings http, Backoff tokenBackoff) {
      this(http, tokenBackoff, BoundedBody.DEFAULT_IDLE);
    }
  }

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
   * proxies ({@code HTTPS_PROXY}, {@code NO_PROXY}, ...); NMI and IMDS are never proxied.
   *
   * @param proxying the parsed proxy settings ({@code ProxySettings.fromEnvironment}) and their log
   */
  public static AzureVaultClient create(
      MountRequest request, CloudEnvironment cloud, Deadline deadline, Proxying proxying) {
    return create(
        request.vaultName(),
        request.tenantId(),
        cloud,
        request.identity(),
        deadline,
        new Tuning(
            HttpSettings.withExtraCas(cloud.caCertificates()).withProxying(proxying),
            Backoff.DEFAULT));
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
    Deadline deadline = mountDeadline.reserving(RESERVE);
    String vaultUrl = CloudEndpoints.vaultUrl(cloud, vaultName);
    HttpThreads threads = new HttpThreads();
    BoundedBody bodies =
        new BoundedBody(deadline, BoundedBody.MAX_BYTES, tuning.bodyIdle(), threads);
    HttpClient http = tuning.http().azureClient(threads);
    TokenSource source =
        tokenSource(tenantId, cloud, identity, deadline, tuning, http, threads, bodies);
    OnceTokenCredential credential =
        new OnceTokenCredential(
            source,
            tenantId,
            vaultUrl,
            () -> OffsetDateTime.ofInstant(deadline.clock().instant(), ZoneOffset.UTC));
    DeadlineRetryStrategy retry =
        new DeadlineRetryStrategy(
            deadline, MAX_RETRIES, BASE_DELAY, MAX_DELAY, tuning.http().connectTimeout());
    Pipeline pipeline =
        new Pipeline(
            vaultUrl,
            credential,
            http,
            retry,
            new DeadlineTimeoutPolicy(deadline, tuning.http().readTimeout()),
            new BoundedBodyPolicy(bodies));
    return new AzureVaultClient(
        vaultName,
        vaultUrl,
        pipeline::clients,
        credential,
        retry,
        new VaultFailures(vaultName, vaultUrl, identity, deadline.clock()),
        deadline);
  }

  /** What every SDK client of a mount shares; {@link #clients} builds a fresh set. */
  private record Pipeline(
      String vaultUrl,
      OnceTokenCredential credential,
      HttpClient http,
      DeadlineRetryStrategy retry,
      DeadlineTimeoutPolicy attemptTimeout,
      BoundedBodyPolicy bodies) {

    AzureVaultClient.SdkClients clients() {
      return new AzureVaultClient.SdkClients(
          shared(new SecretClientBuilder())
              .vaultUrl(vaultUrl)
              .retryPolicy(new RetryPolicy(retry))
              .serviceVersion(SecretServiceVersion.V7_4)
              .buildClient(),
          shared(new KeyClientBuilder())
              .vaultUrl(vaultUrl)
              .retryPolicy(new RetryPolicy(retry))
              .serviceVersion(KeyServiceVersion.V7_4)
              .buildClient(),
          shared(new CertificateClientBuilder())
              .vaultUrl(vaultUrl)
              .retryPolicy(new RetryPolicy(retry))
              .serviceVersion(CertificateServiceVersion.V7_4)
              .buildClient());
    }

    /** What the three builders set alike: credential, HTTP client, per-try policies, config. */
    private <B extends TokenCredentialTrait<B> & HttpTrait<B> & ConfigurationTrait<B>> B shared(
        B builder) {
      return builder
          .credential(credential)
          .httpClient(http)
          .addPolicy(attemptTimeout)
          .addPolicy(bodies)
          .configuration(Configuration.NONE);
    }
  }

  private static TokenSource tokenSource(
      String tenantId,
      CloudEnvironment cloud,
      IdentityMode identity,
      Deadline deadline,
      Tuning tuning,
      HttpClient http,
      HttpThreads threads,
      BoundedBody bodies) {
    if (identity instanceof IdentityMode.ServicePrincipalSecret
        || identity instanceof IdentityMode.ServicePrincipalCertificate) {
      EntraTokenSources.Http entra =
          new EntraTokenSources.Http(
              http,
              threads.executor(),
              new RetryPolicy(
                  new DeadlineRetryStrategy(
                      deadline,
                      ENTRA_RETRIES,
                      BASE_DELAY,
                      MAX_DELAY,
                      tuning.http().connectTimeout())),
              new DeadlineTimeoutPolicy(deadline, tuning.http().readTimeout()),
              new BoundedBodyPolicy(bodies));
      return identity instanceof IdentityMode.ServicePrincipalSecret sp
          ? EntraTokenSources.clientSecret(sp, tenantId, cloud, entra, deadline)
          : EntraTokenSources.clientCertificate(
              (IdentityMode.ServicePrincipalCertificate) identity,
              tenantId,
              cloud,
              entra,
              deadline);
    }
    java.net.http.HttpClient node = tuning.http().jdkClient(threads);
    if (identity instanceof IdentityMode.PodIdentity pod) {
      return new NmiTokenSource(
          node,
          bodies,
          cloud.nmiEndpoint(),
          cloud.vaultResource(),
          pod,
          deadline,
          tuning.tokenBackoff(),
          tuning.http().readTimeout());
    }
    IdentityMode.VmManagedIdentity vm = (IdentityMode.VmManagedIdentity) identity;
    return new ImdsTokenSource(
        node,
        bodies,
        cloud.imdsEndpoint(),
        cloud.vaultResource(),
        vm,
        deadline,
        tuning.tokenBackoff(),
        tuning.http().readTimeout());
  }
}
