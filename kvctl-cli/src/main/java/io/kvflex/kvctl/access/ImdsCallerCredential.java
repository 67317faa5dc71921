package io.kvflex.kvctl.access;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import io.kvflex.options.IdentityMode;
import io.kvflex.vault.credentials.Backoff;
import io.kvflex.vault.credentials.ImdsTokenSource;
import io.kvflex.vault.http.Deadline;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * The caller's system-assigned managed identity through the cloud environment's {@code
 * kvflex.imdsEndpoint}. azure-identity's ManagedIdentityCredential cannot be pointed there: MSAL4J
 * reads the IMDS override ({@code AZURE_POD_IDENTITY_AUTHORITY_HOST}) from {@code System.getenv}
 * only (see the driver's {@link ImdsTokenSource}), so it would ask the real IMDS address instead.
 */
final class ImdsCallerCredential implements TokenCredential {
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI imds;
  private final Clock clock;

  ImdsCallerCredential(URI imds, Clock clock) {
    this.imds = imds;
    this.clock = clock;
  }

  @Override
  public Mono<AccessToken> getToken(TokenRequestContext context) {
    return Mono.fromCallable(() -> getTokenSync(context));
  }

  @Override
  public AccessToken getTokenSync(TokenRequestContext context) {
    // One scope per pipeline (ARM or Graph): "<resource>/.default" asks IMDS for "<resource>".
    String scope = context.getScopes().get(0);
    String resource = scope.endsWith("/.default") ? scope.substring(0, scope.length() - 9) : scope;
    return new ImdsTokenSource(
            http,
            imds,
            resource,
            new IdentityMode.VmManagedIdentity(Optional.empty()),
            Deadline.after(clock, DEADLINE),
            Backoff.DEFAULT,
            READ_TIMEOUT)
        .fetch(context);
  }
}
