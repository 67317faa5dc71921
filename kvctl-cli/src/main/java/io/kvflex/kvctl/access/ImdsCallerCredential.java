package io.kvflex.kvctl.access;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.ClientAuthenticationException;
import io.kvflex.engine.AzureClients;
import io.kvflex.kvctl.net.RunDeadline;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * The caller's system-assigned managed identity through the cloud environment's {@code
 * kvflex.imdsEndpoint}. azure-identity's ManagedIdentityCredential cannot be pointed there: MSAL4J
 * reads the IMDS override ({@code AZURE_POD_IDENTITY_AUTHORITY_HOST}) from {@code System.getenv}
 * only, so it would ask the real IMDS address instead; the driver's own IMDS client ({@link
 * AzureClients#imdsToken}) takes the endpoint as given.
 */
final class ImdsCallerCredential implements TokenCredential {
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private final URI imds;
  private final Clock clock;
  private final RunDeadline run;

  /**
   * @param run IMDS's retries end by then too
   */
  ImdsCallerCredential(URI imds, Clock clock, RunDeadline run) {
    this.imds = imds;
    this.clock = clock;
    this.run = run;
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
    try {
      return AzureClients.imdsToken(imds, resource, run.cap(DEADLINE), clock);
    } catch (RuntimeException e) {
      // The driver's IMDS failures advise volume options (they are about a pod's identity); here
      // the identity is the caller's, so the failure is rephrased for the caller.
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
