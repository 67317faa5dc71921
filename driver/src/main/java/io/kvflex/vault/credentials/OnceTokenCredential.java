package io.kvflex.vault.credentials;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import io.kvflex.vault.http.Problem;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * One token per mount: the first caller makes the token request, parallel callers wait for it and
 * share the result — also a failure, so a wrong client secret costs one Entra ID request, not one
 * per object. Before that it checks that the vault's challenge names the tenant the volume
 * configured ({@code tenantid}): azure-identity would otherwise fail with a less helpful message,
 * and NMI/IMDS tokens would just be rejected.
 */
public final class OnceTokenCredential implements TokenCredential {
  /** A token this close to expiry is fetched again (only matters for very long mounts). */
  private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);

  private final TokenSource source;
  private final String tenantId;
  private final String vaultUrl;
  private final Supplier<OffsetDateTime> now;
  private String cachedScope;
  private AccessToken cached;
  private Problem failure;
  private int requests;

  public OnceTokenCredential(
      TokenSource source, String tenantId, String vaultUrl, Supplier<OffsetDateTime> now) {
    this.source = Objects.requireNonNull(source);
    this.tenantId = Objects.requireNonNull(tenantId);
    this.vaultUrl = Objects.requireNonNull(vaultUrl);
    this.now = Objects.requireNonNull(now);
  }

  @Override
  public Mono<AccessToken> getToken(TokenRequestContext context) {
    return Mono.fromCallable(() -> getTokenSync(context));
  }

  @Override
  public synchronized AccessToken getTokenSync(TokenRequestContext context) {
    checkTenant(context.getTenantId());
    String scope = String.join(" ", context.getScopes());
    if (failure != null) {
      throw new TokenFailure(failure);
    }
    if (cached != null
        && scope.equals(cachedScope)
        && cached.getExpiresAt().isAfter(now.get().plus(EXPIRY_MARGIN))) {
      return cached;
    }
    requests++;
    try {
      cached = source.fetch(context);
      cachedScope = scope;
      return cached;
    } catch (TokenFailure e) {
      failure = e.problem();
      throw e;
    }
  }

  /** How many real token requests were made (tests; the mount log). */
  public synchronized int requests() {
    return requests;
  }

  private void checkTenant(String challengeTenant) {
    if (challengeTenant == null || challengeTenant.isBlank()) {
      return;
    }
    if (!challengeTenant.toLowerCase(Locale.ROOT).equals(tenantId.toLowerCase(Locale.ROOT))) {
      throw new TokenFailure(
          Problem.of(
              "the vault belongs to tenant "
                  + challengeTenant
                  + " but option tenantid is "
                  + tenantId,
              vaultUrl,
              401,
              "the vault's authentication challenge names a different tenant than the volume",
              "set tenantid to "
                  + challengeTenant
                  + " (the vault's tenant), or use a vault of tenant "
                  + tenantId));
    }
  }
}
