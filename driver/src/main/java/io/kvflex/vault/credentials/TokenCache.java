package io.kvflex.vault.credentials;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import io.kvflex.cloud.CloudEnvironment;
import io.kvflex.options.IdentityMode;
import io.kvflex.vault.http.Deadline;
import io.kvflex.vault.http.Problem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Access tokens kept in memory between mounts of one process (the node agent's warm state), per
 * {@link IdentityKey} and requested scope: a mount whose identity, tenant, endpoint, pod and
 * credential all match an earlier one reuses that token until {@link #REFRESH_BEFORE_EXPIRY} before
 * it expires; anything else asks the identity's token endpoint itself. Concurrent mounts of one
 * identity make one request (the others wait, each within its own deadline). Failures are never
 * kept, requests that carry claims (a vault's claims challenge) are never answered from the cache,
 * a token a vault rejected (401) is forgotten at once ({@link TokenSource#rejected}), and nothing
 * here is written anywhere. Object values are never cached (they are not tokens).
 */
public final class TokenCache {
  /** A token with less time than this left is fetched again: a mount must not outlive it. */
  public static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);

  /** Beyond this many keys, expired and idle entries are dropped (pods come and go). */
  static final int MAX_ENTRIES = 2048;

  private record Key(IdentityKey identity, String scopes, String tenantHint) {}

  /** One key's token; the lock makes concurrent mounts of one identity ask once. */
  private static final class Slot {
    final ReentrantLock lock = new ReentrantLock();
    volatile AccessToken token;
  }

  private final Clock clock;
  private final Duration refreshBefore;
  private final int maxEntries;
  private final CredentialDigest digest;
  private final ConcurrentHashMap<Key, Slot> slots = new ConcurrentHashMap<>();
  private final LongAdder hits = new LongAdder();
  private final LongAdder requests = new LongAdder();
  private final LongAdder rejections = new LongAdder();

  TokenCache(Clock clock, Duration refreshBefore, int maxEntries, CredentialDigest digest) {
    this.clock = Objects.requireNonNull(clock);
    this.refreshBefore = Objects.requireNonNull(refreshBefore);
    this.maxEntries = maxEntries;
    this.digest = Objects.requireNonNull(digest);
  }

  /** A cache reading {@code clock}, with a fresh random digest key. */
  public static TokenCache create(Clock clock) {
    return new TokenCache(clock, REFRESH_BEFORE_EXPIRY, MAX_ENTRIES, new CredentialDigest());
  }

  /** The cache key of a volume's identity ({@link IdentityKey#of}). */
  public IdentityKey keyOf(
      IdentityMode identity, String tenantId, CloudEnvironment cloud, String podUid) {
    return IdentityKey.of(identity, tenantId, cloud, podUid, digest);
  }

  /**
   * {@code source} answered from this cache for {@code identity}: a cached token while it is fresh,
   * else one request through {@code source} (whose token is then kept). Waiting for another mount's
   * request of the same identity ends at {@code deadline}.
   */
  public TokenSource cached(IdentityKey identity, TokenSource source, Deadline deadline) {
    return new TokenSource() {
      @Override
      public AccessToken fetch(TokenRequestContext context) {
        return get(identity, context, source, deadline);
      }

      @Override
      public void rejected(String token) {
        forget(identity, token);
      }
    };
  }

  /**
   * Drops {@code token} wherever {@code identity} keeps it (any scope): the vault said it is no
   * good, so the next mount of that identity asks its token endpoint. Compared by value, so a
   * fresher token that a parallel mount already put in its place stays.
   */
  private void forget(IdentityKey identity, String token) {
    if (token == null || token.isEmpty()) {
      return;
    }
    slots.forEach(
        (key, slot) -> {
          AccessToken kept = slot.token;
          if (key.identity().equals(identity) && kept != null && kept.getToken().equals(token)) {
            // Without the slot's lock: at worst a token fetched this instant is dropped too and
            // fetched once more; waiting here could hold a mount behind a slow token request.
            slot.token = null;
            rejections.increment();
          }
        });
  }

  private AccessToken get(
      IdentityKey identity, TokenRequestContext context, TokenSource source, Deadline deadline) {
    if (context.getClaims() != null && !context.getClaims().isBlank()) {
      requests.increment();
      return source.fetch(context);
    }
    Key key =
        new Key(
            identity,
            String.join(" ", context.getScopes()),
            context.getTenantId() == null ? "" : context.getTenantId());
    Slot slot = slots.computeIfAbsent(key, k -> new Slot());
    AccessToken token = slot.token;
    if (fresh(token)) {
      hits.increment();
      return token;
    }
    if (!lock(slot, deadline)) {
      throw new TokenFailure(
          Problem.of(
              "another mount's token request for the same identity did not finish in time",
              identity.issuer(),
              0,
              "the token endpoint is slow and this mount's deadline came first",
              "raise the volume option timeout; the kubelet will retry the mount"));
    }
    try {
      token = slot.token;
      if (fresh(token)) {
        hits.increment();
        return token;
      }
      requests.increment();
      token = source.fetch(context);
      slot.token = token;
    } finally {
      slot.lock.unlock();
    }
    trim();
    return token;
  }

  private static boolean lock(Slot slot, Deadline deadline) {
    try {
      return slot.lock.tryLock(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private boolean fresh(AccessToken token) {
    return token != null
        && token.getExpiresAt().toInstant().isAfter(clock.instant().plus(refreshBefore));
  }

  /** Drops expired and empty entries once there are too many keys. */
  private void trim() {
    if (slots.size() <= maxEntries) {
      return;
    }
    Instant now = clock.instant();
    slots
        .entrySet()
        .removeIf(
            e -> {
              AccessToken t = e.getValue().token;
              return !e.getValue().lock.isLocked()
                  && (t == null || !t.getExpiresAt().toInstant().isAfter(now));
            });
    if (slots.size() > maxEntries) {
      // Still full of live tokens: forget the idle ones; they are only an optimisation.
      slots.entrySet().removeIf(e -> !e.getValue().lock.isLocked());
    }
  }

  /** Mount token requests answered from the cache so far. */
  public long hits() {
    return hits.sum();
  }

  /** Token requests that went to a token endpoint so far. */
  public long requests() {
    return requests.sum();
  }

  /** Cached tokens forgotten because a vault rejected them. */
  public long rejections() {
    return rejections.sum();
  }

  /** Identities (with scope) currently known. */
  public int size() {
    return slots.size();
  }
}
