package io.kvflex.vault;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.security.keyvault.secrets.implementation.KeyVaultCredentialPolicy;
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
import io.kvflex.vault.http.BoundedBody;
import io.kvflex.vault.http.BoundedBodyPolicy;
import io.kvflex.vault.http.Deadline;
import io.kvflex.vault.http.DeadlineRetryStrategy;
import io.kvflex.vault.http.DeadlineTimeoutPolicy;
import io.kvflex.vault.http.HttpSettings;
import io.kvflex.vault.http.MemoryBudget;
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

  /** The application part of the User-Agent header of Key Vault requests. */
  private static final String USER_AGENT = "kvflex-driver";

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
    return create(request, cloud, deadline, proxies, warm, MemoryBudget.unbounded().open());
  }

  /**
   * As {@link #create(MountRequest, CloudEnvironment, Deadline, ProxySettings, WarmState)}, every
   * answer body charged to {@code memory}, the call's share of its process's budget.
   */
  public static AzureVaultClient create(
      MountRequest request,
      CloudEnvironment cloud,
      Deadline deadline,
      ProxySettings proxies,
      WarmState warm,
      MemoryBudget.Hold memory) {
    return forRequest(
        request,
        cloud,
        deadline,
        warm.connections(cloud.caCertificates(), proxies),
        warm.tokens(),
        memory);
  }

  private static AzureVaultClient forRequest(
      MountRequest request,
      CloudEnvironment cloud,
      Deadline deadline,
      Connections connections,
      TokenCache tokens) {
    return forRequest(
        request, cloud, deadline, connections, tokens, MemoryBudget.unbounded().open());
  }

  private static AzureVaultClient forRequest(
      MountRequest request,
      CloudEnvironment cloud,
      Deadline deadline,
      Connections connections,
      TokenCache tokens,
      MemoryBudget.Hold memory) {
    return build(
        request.vaultName(),
        request.tenantId(),
        cloud,
        request.identity(),
        request.pod().uid(),
        deadline,
        connections,
        Backoff.DEFAULT,
        BoundedBody.DEFAULT_IDLE,
        tokens,
        memory);
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
        tuning.bodyIdle(),
        TokenCache.create(mountDeadline.clock()),
        MemoryBudget.unbounded().open());
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
      Duration bodyIdle,
      TokenCache tokens,
      MemoryBudget.Hold memory) {
    Deadline deadline = mountDeadline.reserving(RESERVE);
    String vaultUrl = CloudEndpoints.vaultUrl(cloud, vaultName);
    // Body limits are the mount's (its deadline); the threads and clients may be shared.
    BoundedBody bodies =
        new BoundedBody(deadline, BoundedBody.MAX_BYTES, bodyIdle, connections.threads(), memory);
    // Built only when the cache has no fresh token (a warm mount never builds a credential).
    TokenSource request =
        context ->
            tokenSource(tenantId, cloud, identity, deadline, connections, backoff, bodies)
                .fetch(context);
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
    Pipeline pipeline =
        new Pipeline(
            vaultUrl,
            credential,
            connections.azure(),
            retry,
            new DeadlineTimeoutPolicy(deadline, settings.readTimeout()),
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

  /**
   * What every SDK client of a mount shares. {@link #clients} builds one pipeline per token
   * generation (a fresh token cache) for the secret, key and certificate clients alike: user agent,
   * retries bounded by the deadline, the vault's challenge-based authentication, and per try the
   * deadline-capped response timeout and the bounded body read. Built here rather than by the SDK
   * builders, which would each build their own pipeline with an HTTP logging policy (whose class
   * initialisation alone builds a Jackson pretty printer), look up policy and tracer providers, and
   * do so for client types the mount never uses (bench/cold-path.sh, docs/benchmarks.md).
   */
  private record Pipeline(
      String vaultUrl,
      OnceTokenCredential credential,
      HttpClient http,
      DeadlineRetryStrategy retry,
      DeadlineTimeoutPolicy attemptTimeout,
      BoundedBodyPolicy bodies) {

    SdkClients clients() {
      HttpPipeline pipeline =
          new HttpPipelineBuilder()
              .httpClient(http)
              .policies(
                  new UserAgentPolicy(USER_AGENT),
                  new RetryPolicy(retry),
                  // The secrets package's copy of the SDK's Key Vault challenge policy; the key and
                  // certificate packages hold identical ones (same SDK release, same protocol).
                  new KeyVaultCredentialPolicy(credential, false),
                  attemptTimeout,
                  bodies)
              .build();
      return new SdkClients(pipeline, vaultUrl);
    }
  }

  private static TokenSource tokenSource(
      String tenantId,
      CloudEnvironment cloud,
      IdentityMode identity,
      Deadline deadline,
      Connections connections,
      Backoff backoff,
      BoundedBody bodies) {
    HttpSettings settings = connections.settings();
    if (identity instanceof IdentityMode.ServicePrincipalSecret
        || identity instanceof IdentityMode.ServicePrincipalCertificate) {
      EntraTokenSources.Http entra =
          new EntraTokenSources.Http(
              connections.azure(),
              connections.threads().executor(),
              new RetryPolicy(
                  new DeadlineRetryStrategy(
                      deadline, ENTRA_RETRIES, BASE_DELAY, MAX_DELAY, settings.connectTimeout())),
              new DeadlineTimeoutPolicy(deadline, settings.readTimeout()),
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
    if (identity instanceof IdentityMode.PodIdentity pod) {
      return new NmiTokenSource(
          connections.local(),
          bodies,
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
        bodies,
        cloud.imdsEndpoint(),
        cloud.vaultResource(),
        vm,
        deadline,
        backoff,
        settings.readTimeout());
  }
}
