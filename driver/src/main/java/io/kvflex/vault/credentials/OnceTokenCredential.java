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
 *
 * <p>The token is used until the vault rejects it ({@link #rejected}, once per mount: the next
 * request gets a fresh token) or it nears the expiry its issuer declared. A token declared expired
 * at issue ({@code expires_in: 0}) is used until rejected: only the vault can tell. azure-core's
 * own token cache never decides: it is handed an expiry at least {@link #SDK_HORIZON} away, since
 * it would otherwise wait up to 30 s before asking again for a token it considers expired.
 */
public final class OnceTokenCredential implements TokenCredential {
  /** A token this close to expiry is fetched again (only matters for very long mounts). */
  private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);

  /** The least time to expiry azure-core's token cache is shown (see the class comment). */
  static final Duration SDK_HORIZON = Duration.ofHours(1);

  private final TokenSource source;
  private final String tenantId;
  private final String vaultUrl;
  private final Supplier<OffsetDateTime> now;
  private String cachedScope;
  private AccessToken cached;
  private OffsetDateTime cachedAt;
  private String rejected;
  private TokenFailure failure;
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
      // The same words and the same trail of what failed underneath, for every caller.
      throw new TokenFailure(failure.problem(), failure.getCause());
    }
    if (cached != null && scope.equals(cachedScope) && usable(cached)) {
      return forSdk(cached);
    }
    requests++;
    try {
      cached = source.fetch(context);
      cachedAt = now.get();
      cachedScope = scope;
      return forSdk(cached);
    } catch (TokenFailure e) {
      failure = e;
      throw e;
    }
  }

  /**
   * The vault answered 401 to a request that carried {@code bearer}. Returns whether one more try
   * is worth it: true when {@code bearer} is the token of this mount and no token was rejected
   * before (the next {@link #getTokenSync} fetches a fresh one), or when {@code bearer} is that
   * earlier rejected token (a parallel caller has refreshed already); false when a fresh token was
   * rejected too, or {@code bearer} is not ours.
   */
  public synchronized boolean rejected(String bearer) {
    if (bearer == null || bearer.isEmpty()) {
      return false;
    }
    if (bearer.equals(rejected)) {
      return true;
    }
    if (cached == null || !bearer.equals(cached.getToken())) {
      return false;
    }
    // Ours and rejected: whatever keeps tokens between mounts (the node agent's warm cache) must
    // not hand it to a later mount, whether or not this mount tries once more.
    source.rejected(bearer);
    if (rejected == null) {
      rejected = bearer;
      cached = null;
      return true;
    }
    return false; // a fresh token rejected too: this mount asks no third time
  }

  /** Whether a token was rejected and replaced in this mount. */
  public synchronized boolean refreshed() {
    return rejected != null;
  }

  private boolean usable(AccessToken token) {
    OffsetDateTime expires = token.getExpiresAt();
    boolean expiredAtIssue = !expires.isAfter(cachedAt.plus(EXPIRY_MARGIN));
    return expiredAtIssue || expires.isAfter(now.get().plus(EXPIRY_MARGIN));
  }

  private AccessToken forSdk(AccessToken token) {
    OffsetDateTime horizon = now.get().plus(SDK_HORIZON);
    return token.getExpiresAt().isAfter(horizon)
        ? token
        : new AccessToken(token.getToken(), horizon);
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
