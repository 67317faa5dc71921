package io.kvflex.vault.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import io.kvflex.vault.http.Problem;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OnceTokenCredentialTest {
  private static final String TENANT = "11111111-2222-3333-4444-555555555555";
  private static final OffsetDateTime NOW =
      OffsetDateTime.of(2026, 11, 28, 18, 0, 0, 0, ZoneOffset.UTC);

  private static TokenRequestContext context(String tenant) {
    return new TokenRequestContext()
        .addScopes("https://vault.azure.net/.default")
        .setTenantId(tenant);
  }

  @Test
  void parallelCallersShareOneTokenRequest() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    OnceTokenCredential credential =
        new OnceTokenCredential(
            ctx -> {
              calls.incrementAndGet();
              sleep(100); // long enough for every caller to queue up behind the first
              return new AccessToken("tok", NOW.plusHours(1));
            },
            TENANT,
            "https://v.vault.azure.net/",
            () -> NOW);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<AccessToken>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return credential.getTokenSync(context(TENANT));
                }));
      }
      start.countDown();
      for (Future<AccessToken> f : results) {
        assertThat(f.get().getToken()).isEqualTo("tok");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(calls).hasValue(1);
    assertThat(credential.requests()).isEqualTo(1);
  }

  @Test
  void aFailureIsAlsoSharedSoAWrongSecretCostsOneRequest() {
    AtomicInteger calls = new AtomicInteger();
    Problem p = Problem.of("Entra ID refused", "https://login/t/oauth2/v2.0/token", 401, "c", "f");
    OnceTokenCredential credential =
        new OnceTokenCredential(
            ctx -> {
              calls.incrementAndGet();
              throw new TokenFailure(p);
            },
            TENANT,
            "https://v.vault.azure.net/",
            () -> NOW);
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> credential.getTokenSync(context(TENANT)))
          .isInstanceOf(TokenFailure.class)
          .hasMessageContaining("Entra ID refused");
    }
    assertThat(calls).hasValue(1);
  }

  @Test
  void everyCallerOfASharedFailureGetsItsCauseTrailForTheLog() {
    Problem p = Problem.of("Entra ID token request failed", "https://login/t", 0, "c", "f");
    OnceTokenCredential credential =
        new OnceTokenCredential(
            ctx -> {
              throw new TokenFailure(
                  p, new java.io.UncheckedIOException(new java.io.EOFException()));
            },
            TENANT,
            "https://v.vault.azure.net/",
            () -> NOW);
    List<String> trails = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      try {
        credential.getTokenSync(context(TENANT));
      } catch (TokenFailure e) {
        trails.add(io.kvflex.errors.CauseTrail.find(e));
      }
    }
    assertThat(trails).hasSize(2).allMatch(t -> t.contains("java.io.EOFException"));
    assertThat(trails.get(1)).isEqualTo(trails.get(0));
  }

  @Test
  void aTokenNearingItsDeclaredExpiryIsFetchedAgain() {
    AtomicInteger calls = new AtomicInteger();
    AtomicReference<OffsetDateTime> clock = new AtomicReference<>(NOW);
    OnceTokenCredential credential =
        new OnceTokenCredential(
            ctx -> new AccessToken("t" + calls.incrementAndGet(), clock.get().plusMinutes(10)),
            TENANT,
            "https://v.vault.azure.net/",
            clock::get);
    credential.getTokenSync(context(null));
    clock.set(NOW.plusMinutes(5));
    assertThat(credential.getTokenSync(context(null)).getToken()).isEqualTo("t1");
    clock.set(NOW.plusMinutes(10).minusSeconds(10));
    assertThat(credential.getTokenSync(context(null)).getToken()).isEqualTo("t2");
    assertThat(calls).hasValue(2);
  }

  @Test
  void aTokenDeclaredExpiredAtIssueIsUsedUntilTheVaultRejectsIt() {
    AtomicInteger calls = new AtomicInteger();
    OnceTokenCredential credential =
        new OnceTokenCredential(
            ctx -> new AccessToken("t" + calls.incrementAndGet(), NOW), // expires_in: 0
            TENANT,
            "https://v.vault.azure.net/",
            () -> NOW);
    for (int i = 0; i < 3; i++) {
      AccessToken handed = credential.getTokenSync(context(null));
      assertThat(handed.getToken()).isEqualTo("t1");
      // azure-core's cache is shown a far expiry: it would otherwise wait 30 s to ask again.
      assertThat(handed.getExpiresAt()).isAfterOrEqualTo(NOW.plus(OnceTokenCredential.SDK_HORIZON));
    }
    assertThat(credential.rejected("t1")).isTrue();
    assertThat(credential.getTokenSync(context(null)).getToken()).isEqualTo("t2");
    assertThat(calls).hasValue(2);
  }

  @Test
  void aRejectedTokenIsReplacedOnceAndOnlyOnce() {
    AtomicInteger calls = new AtomicInteger();
    OnceTokenCredential credential =
        new OnceTokenCredential(
            ctx -> new AccessToken("t" + calls.incrementAndGet(), NOW.plusHours(1)),
            TENANT,
            "https://v.vault.azure.net/",
            () -> NOW);
    assertThat(credential.rejected("t1")).as("nothing issued yet").isFalse();
    credential.getTokenSync(context(null));
    assertThat(credential.refreshed()).isFalse();
    assertThat(credential.rejected("someone-else's")).isFalse();
    assertThat(credential.rejected("t1")).isTrue();
    // A parallel caller whose request carried the same rejected token retries too ...
    assertThat(credential.rejected("t1")).isTrue();
    assertThat(credential.getTokenSync(context(null)).getToken()).isEqualTo("t2");
    assertThat(credential.refreshed()).isTrue();
    // ... but a fresh token the vault rejects as well is final: one refresh per mount.
    assertThat(credential.rejected("t2")).isFalse();
    assertThat(credential.getTokenSync(context(null)).getToken()).isEqualTo("t2");
    assertThat(calls).hasValue(2);
    assertThat(credential.requests()).isEqualTo(2);
  }

  @Test
  void everyTokenOfOursTheVaultRejectsIsReportedToTheSourceSoAWarmCacheForgetsIt() {
    AtomicInteger calls = new AtomicInteger();
    List<String> forgotten = new ArrayList<>();
    TokenSource source =
        new TokenSource() {
          @Override
          public AccessToken fetch(TokenRequestContext context) {
            return new AccessToken("t" + calls.incrementAndGet(), NOW.plusHours(1));
          }

          @Override
          public void rejected(String token) {
            forgotten.add(token);
          }
        };
    OnceTokenCredential credential =
        new OnceTokenCredential(source, TENANT, "https://v.vault.azure.net/", () -> NOW);
    credential.getTokenSync(context(null));
    assertThat(credential.rejected("someone-else's")).isFalse();
    assertThat(credential.rejected("t1")).isTrue();
    assertThat(credential.rejected("t1")).isTrue();
    credential.getTokenSync(context(null));
    assertThat(credential.rejected("t2")).isFalse();
    assertThat(forgotten).containsExactly("t1", "t2");
  }

  @Test
  void aVaultOfAnotherTenantIsNamedWithBothTenantsBeforeAnyTokenRequest() {
    AtomicInteger calls = new AtomicInteger();
    OnceTokenCredential credential =
        new OnceTokenCredential(
            ctx -> {
              calls.incrementAndGet();
              return new AccessToken("tok", NOW.plusHours(1));
            },
            TENANT,
            "https://v.vault.azure.net/",
            () -> NOW);
    String other = "99999999-8888-7777-6666-555555555555";
    assertThatThrownBy(() -> credential.getTokenSync(context(other)))
        .isInstanceOf(TokenFailure.class)
        .hasMessageContaining("tenant " + other)
        .hasMessageContaining("tenantid is " + TENANT)
        .hasMessageContaining("HTTP 401");
    assertThat(calls).hasValue(0);
    assertThat(credential.getTokenSync(context(TENANT.toUpperCase(Locale.ROOT))).getToken())
        .isEqualTo("tok");
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
