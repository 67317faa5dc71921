package io.kvflex.vault.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import io.kvflex.cloud.CloudEnvironment;
import io.kvflex.options.IdentityMode;
import io.kvflex.options.Sensitive;
import io.kvflex.testsupport.ManualClock;
import io.kvflex.vault.http.Deadline;
import io.kvflex.vault.http.Problem;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The warm token cache: a token is reused only for the exact same identity (mode, issuer, tenant,
 * client, pod, credential) and scope, until shortly before it expires; time is stepped, never
 * slept.
 */
class TokenCacheTest {
  static final String TENANT = "a1b2c3d4-0000-4000-8000-000000000001";
  static final String CLIENT = "11111111-1111-4111-8111-111111111111";
  static final String SCOPE = "https://vault.azure.net/.default";
  static final Instant T0 = Instant.parse("2026-11-28T18:00:00Z");

  final ManualClock clock = new ManualClock(T0);
  final TokenCache cache =
      new TokenCache(
          clock, Duration.ofMinutes(5), 8, new CredentialDigest(() -> new SecureRandom()));
  final CloudEnvironment cloud = cloud("https://login.example.test/");

  /** A token source that issues "tok-1", "tok-2", ... valid for an hour, counting requests. */
  class Issuer implements TokenSource {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public AccessToken fetch(TokenRequestContext context) {
      return new AccessToken(
          "tok-" + calls.incrementAndGet(),
          OffsetDateTime.ofInstant(clock.instant().plus(Duration.ofHours(1)), ZoneOffset.UTC));
    }
  }

  static CloudEnvironment cloud(String authority) {
    return new CloudEnvironment(
        "AzureStackCloud",
        URI.create(authority),
        "vault.example.test",
        "https://vault.example.test",
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        URI.create("http://127.0.0.1:7001"),
        URI.create("http://127.0.0.1:7002"),
        List.of());
  }

  static TokenRequestContext scope(String scope) {
    return new TokenRequestContext().addScopes(scope).setTenantId(TENANT);
  }

  Deadline deadline() {
    return new Deadline(clock, clock.instant().plusSeconds(30));
  }

  String token(IdentityMode identity, String podUid, Issuer issuer) {
    return token(identity, podUid, issuer, scope(SCOPE));
  }

  String token(IdentityMode identity, String podUid, Issuer issuer, TokenRequestContext ctx) {
    IdentityKey key = cache.keyOf(identity, TENANT, cloud, podUid);
    return cache.cached(key, issuer, deadline()).fetch(ctx).getToken();
  }

  static IdentityMode sp(String secret) {
    return new IdentityMode.ServicePrincipalSecret(CLIENT, Sensitive.ofUtf8(secret));
  }

  @Test
  void theSameIdentityReusesItsTokenUntilShortlyBeforeExpiry() {
    Issuer issuer = new Issuer();
    assertThat(token(sp("secret-X"), "", issuer)).isEqualTo("tok-1");
    clock.set(T0.plus(Duration.ofMinutes(54)));
    assertThat(token(sp("secret-X"), "", issuer)).isEqualTo("tok-1");
    // 5 minutes before expiry (and after) the token is fetched again.
    clock.set(T0.plus(Duration.ofMinutes(55)));
    assertThat(token(sp("secret-X"), "", issuer)).isEqualTo("tok-2");
    assertThat(issuer.calls).hasValue(2);
    assertThat(cache.hits()).isEqualTo(1);
    assertThat(cache.requests()).isEqualTo(2);
  }

  @Test
  void aTokenAVaultRejectedIsNeverServedAgainButAFresherOneStays() {
    Issuer issuer = new Issuer();
    IdentityKey key = cache.keyOf(sp("secret-X"), TENANT, cloud, "");
    IdentityKey other = cache.keyOf(sp("secret-Y"), TENANT, cloud, "");
    TokenSource mine = cache.cached(key, issuer, deadline());
    Issuer otherIssuer = new Issuer();
    assertThat(cache.cached(other, otherIssuer, deadline()).fetch(scope(SCOPE)).getToken())
        .isEqualTo("tok-1");
    assertThat(mine.fetch(scope(SCOPE)).getToken()).isEqualTo("tok-1");

    // Another identity's source cannot drop this identity's token, even with the same value.
    cache.cached(other, otherIssuer, deadline()).rejected("tok-1");
    assertThat(mine.fetch(scope(SCOPE)).getToken()).isEqualTo("tok-1");
    assertThat(issuer.calls).hasValue(1);

    mine.rejected("tok-1");
    assertThat(mine.fetch(scope(SCOPE)).getToken()).isEqualTo("tok-2");
    // A parallel mount that still held tok-1 reports it late: tok-2 stays.
    mine.rejected("tok-1");
    assertThat(mine.fetch(scope(SCOPE)).getToken()).isEqualTo("tok-2");
    assertThat(issuer.calls).hasValue(2);
    assertThat(cache.rejections()).isEqualTo(2);
  }

  @Test
  void aWrongSecretForAKnownClientIdNeverRidesTheCachedToken() {
    Issuer right = new Issuer();
    Issuer wrong =
        new Issuer() {
          @Override
          public AccessToken fetch(TokenRequestContext context) {
            calls.incrementAndGet();
            throw new TokenFailure(Problem.of("Entra ID refused", "https://login", 401, "c", "f"));
          }
        };
    assertThat(token(sp("secret-X"), "", right)).isEqualTo("tok-1");
    assertThatThrownBy(() -> token(sp("secret-Y"), "", wrong)).isInstanceOf(TokenFailure.class);
    assertThat(wrong.calls).hasValue(1);
    // The failure is not kept: the next try asks again.
    assertThatThrownBy(() -> token(sp("secret-Y"), "", wrong)).isInstanceOf(TokenFailure.class);
    assertThat(wrong.calls).hasValue(2);
  }

  @Test
  void everyPartOfTheIdentityMakesItsOwnKey() {
    List<IdentityMode> identities =
        List.of(
            sp("secret-X"),
            sp("secret-Y"),
            new IdentityMode.ServicePrincipalSecret(
                "22222222-2222-4222-8222-222222222222", Sensitive.ofUtf8("secret-X")),
            new IdentityMode.ServicePrincipalCertificate(
                CLIENT, Sensitive.ofUtf8("PEM-A"), Optional.empty()),
            new IdentityMode.ServicePrincipalCertificate(
                CLIENT, Sensitive.ofUtf8("PEM-A"), Optional.of(Sensitive.ofUtf8("pw"))),
            new IdentityMode.ServicePrincipalCertificate(
                CLIENT, Sensitive.ofUtf8("PEM-B"), Optional.empty()),
            new IdentityMode.PodIdentity("team-a", "pod-a", 2579),
            new IdentityMode.PodIdentity("team-a", "pod-b", 2579),
            new IdentityMode.PodIdentity("team-b", "pod-a", 2579),
            new IdentityMode.VmManagedIdentity(Optional.empty()),
            new IdentityMode.VmManagedIdentity(Optional.of(CLIENT)));
    List<IdentityKey> keys = new ArrayList<>();
    for (IdentityMode identity : identities) {
      keys.add(cache.keyOf(identity, TENANT, cloud, "uid-1"));
    }
    assertThat(keys).doesNotHaveDuplicates();
    // Same pod name, new pod (uid): a new identity holder.
    assertThat(cache.keyOf(identities.get(6), TENANT, cloud, "uid-2")).isNotEqualTo(keys.get(6));
    // Same service principal, another tenant or another authority: another key.
    assertThat(cache.keyOf(sp("secret-X"), "a1b2c3d4-0000-4000-8000-000000000002", cloud, ""))
        .isNotEqualTo(cache.keyOf(sp("secret-X"), TENANT, cloud, ""));
    assertThat(cache.keyOf(sp("secret-X"), TENANT, cloud("https://login.other.test/"), ""))
        .isNotEqualTo(cache.keyOf(sp("secret-X"), TENANT, cloud, ""));
  }

  @Test
  void podsAndManagedIdentitiesNeverShareTokens() {
    Issuer issuer = new Issuer();
    IdentityMode podA = new IdentityMode.PodIdentity("team-a", "pod-a", 2579);
    IdentityMode podB = new IdentityMode.PodIdentity("team-a", "pod-b", 2579);
    IdentityMode system = new IdentityMode.VmManagedIdentity(Optional.empty());
    IdentityMode user = new IdentityMode.VmManagedIdentity(Optional.of(CLIENT));
    assertThat(token(podA, "uid-a", issuer)).isEqualTo("tok-1");
    assertThat(token(podB, "uid-b", issuer)).isEqualTo("tok-2");
    assertThat(token(system, "", issuer)).isEqualTo("tok-3");
    assertThat(token(user, "", issuer)).isEqualTo("tok-4");
    assertThat(token(podA, "uid-a", issuer)).isEqualTo("tok-1");
    assertThat(token(user, "", issuer)).isEqualTo("tok-4");
  }

  @Test
  void theScopeIsPartOfTheKeyAndClaimsChallengesBypassTheCache() {
    Issuer issuer = new Issuer();
    assertThat(token(sp("s-X-123"), "", issuer)).isEqualTo("tok-1");
    assertThat(token(sp("s-X-123"), "", issuer, scope("https://other.example/.default")))
        .isEqualTo("tok-2");
    TokenRequestContext claims = scope(SCOPE).setClaims("{\"access_token\":{}}");
    assertThat(token(sp("s-X-123"), "", issuer, claims)).isEqualTo("tok-3");
    assertThat(token(sp("s-X-123"), "", issuer)).isEqualTo("tok-1");
  }

  @Test
  void concurrentMountsOfOneIdentityMakeOneRequest() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    TokenSource slow =
        ctx -> {
          calls.incrementAndGet();
          try {
            Thread.sleep(100); // long enough for every caller to queue behind the first
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return new AccessToken(
              "shared", OffsetDateTime.ofInstant(T0.plusSeconds(3600), ZoneOffset.UTC));
        };
    IdentityKey key = cache.keyOf(sp("secret-X"), TENANT, cloud, "");
    Deadline far = new Deadline(clock, T0.plusSeconds(600));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return cache.cached(key, slow, far).fetch(scope(SCOPE)).getToken();
                }));
      }
      start.countDown();
      for (Future<String> f : results) {
        assertThat(f.get()).isEqualTo("shared");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(calls).hasValue(1);
  }

  @Test
  void theCacheStaysBoundedAndDropsExpiredEntries() {
    Issuer issuer = new Issuer();
    for (int i = 0; i < 20; i++) {
      token(new IdentityMode.PodIdentity("ns", "pod-" + i, 2579), "uid-" + i, issuer);
      clock.advance(Duration.ofMinutes(10));
    }
    assertThat(cache.size()).isLessThanOrEqualTo(9);
  }

  @Test
  void keysHoldNoSecretAndDigestsDifferPerProcess() {
    IdentityKey key = cache.keyOf(sp("secret-SENTINEL-42"), TENANT, cloud, "");
    assertThat(key.toString()).doesNotContain("secret-SENTINEL-42");
    assertThat(key.credential()).doesNotContain("secret-SENTINEL-42").hasSize(64);
    TokenCache other = TokenCache.create(clock);
    assertThat(other.keyOf(sp("secret-SENTINEL-42"), TENANT, cloud, "").credential())
        .isNotEqualTo(key.credential());
  }
}
