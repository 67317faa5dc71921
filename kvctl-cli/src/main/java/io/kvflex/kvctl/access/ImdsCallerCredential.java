package io.kvflex.kvctl.access;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.ClientAuthenticationException;
import io.kvflex.options.IdentityMode;
import io.kvflex.vault.Deadline;
import io.kvflex.vault.credentials.Backoff;
import io.kvflex.vault.credentials.ImdsTokenSource;
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

  // IMDS is node-local: never through a proxy, whatever the environment says.
  private final HttpClient http =
      HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
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

  /**
   * A token of this machine's system-assigned identity. The driver's IMDS failures advise volume
   * options (they are about a pod's identity); here the identity is the caller's, so a failure is
   * rephrased for the caller.
   */
  @Override
  public AccessToken getTokenSync(TokenRequestContext context) {
    // One scope per pipeline (ARM or Graph): "<resource>/.default" asks IMDS for "<resource>".
    String scope = context.getScopes().get(0);
    String resource = scope.endsWith("/.default") ? scope.substring(0, scope.length() - 9) : scope;
    try {
      return new ImdsTokenSource(
              http,
              imds,
              resource,
              new IdentityMode.VmManagedIdentity(Optional.empty()),
              Deadline.after(clock, DEADLINE),
              Backoff.DEFAULT,
              READ_TIMEOUT)
          .fetch(context);
    } catch (RuntimeException e) {
      throw new ClientAuthenticationException(
          "the machine's managed identity (IMDS at "
              + imds
              + ") gave the caller no token for "
              + resource
              + ": it needs a system-assigned identity on this machine",
          null,
          e);
    }
  }
}
