package io.kvflex.localvault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.security.keyvault.secrets.SecretClient;
import io.kvflex.localvault.seed.FaultSpec;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Faults set through the admin API and the Java API. */
class FaultInjectionTest extends RawReaderTests {
  @AfterEach
  void clear() {
    assertThat(raw.admin("DELETE", "/admin/faults", null).statusCode()).isEqualTo(200);
  }

  @Test
  void throttlesWithRetryAfterThroughAdmin() {
    HttpResponse<String> set =
        raw.admin("PUT", "/admin/faults/kvflex-it", "{\"throttleNext\":1,\"retryAfterSeconds\":2}");
    assertThat(set.statusCode()).isEqualTo(200);
    HttpResponse<String> r =
        raw.vaultGet("kvflex-it", "secrets/db-password?api-version=7.4", reader);
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After")).hasValue("2");
    assertThat(Raw.error(r))
        .containsEntry("code", "Throttled")
        .containsEntry(
            "message",
            "Request was not processed because too many requests were received. Reason:"
                + " VaultRequestTypeLimitReached");
    assertThat(
            raw.vaultGet("kvflex-it", "secrets/db-password?api-version=7.4", reader).statusCode())
        .isEqualTo(200);
  }

  @Test
  void throttlesWithoutRetryAfterByDefault() {
    lv.setVaultFaults("kvflex-it", Optional.of(withThrottleNext(1, -1)));
    HttpResponse<String> r =
        raw.vaultGet("kvflex-it", "secrets/db-password?api-version=7.4", reader);
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After")).isEmpty();
  }

  @Test
  void sdkRetriesThrottledRequestsAndCountsShowIt() {
    SecretClient client = TestVaults.secrets(lv, "it-reader", "reader-secret-value");
    client.getSecret("db-password"); // token and challenge out of the way
    lv.resetRequestCounts();
    lv.setFaults(withThrottleNext(2, 0));
    assertThat(client.getSecret("db-password").getValue()).isEqualTo("s3cr3t-value");
    var counts = lv.requestCounts();
    assertThat(counts.count(e -> e.operation().equals("secrets.get") && e.status() == 429))
        .isEqualTo(2);
    assertThat(counts.successful("secrets.get", "kvflex-it", "db-password")).isEqualTo(1);
  }

  @Test
  void errorsAndResetsAreInjected() {
    raw.admin("PUT", "/admin/faults", "{\"errorRate\":1.0,\"errorStatus\":500}");
    assertThat(
            raw.vaultGet("kvflex-it", "secrets/db-password?api-version=7.4", reader).statusCode())
        .isEqualTo(500);
    raw.admin("PUT", "/admin/faults", "{\"resetRate\":1.0}");
    assertThatThrownBy(
            () -> raw.vaultGet("kvflex-it", "secrets/db-password?api-version=7.4", reader))
        .hasRootCauseInstanceOf(java.io.IOException.class);
  }

  @Test
  void latencyIsAdded() {
    lv.setFaults(new FaultSpec(300, 0, 0, -1, 0, 503, 0, 0));
    long start = System.nanoTime();
    assertThat(
            raw.vaultGet("kvflex-it", "secrets/db-password?api-version=7.4", reader).statusCode())
        .isEqualTo(200);
    assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
  }

  @Test
  void badFaultSettingsAreRejected() {
    HttpResponse<String> r = raw.admin("PUT", "/admin/faults", "{\"throttleRate\":2}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("throttleRate");
    assertThat(raw.admin("PUT", "/admin/faults", "{\"bogus\":1}").body())
        .contains("unknown fault field");
    assertThat(raw.admin("PUT", "/admin/faults/no-such-vault", "{}").statusCode()).isEqualTo(400);
  }

  @Test
  void tokenLatencyIsAdded() {
    raw.admin("PUT", "/admin/faults", "{\"tokenLatencyMs\":300}");
    long start = System.nanoTime();
    raw.token("it-reader", "reader-secret-value");
    assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
  }

  @Test
  void accessPolicyCanBeChangedAtRuntime() {
    String token = raw.token("it-no-access", "no-access-secret-value");
    String path = "secrets/db-password?api-version=7.4";
    assertThat(raw.vaultGet("kvflex-it", path, token).statusCode()).isEqualTo(403);
    HttpResponse<String> grant =
        raw.admin(
            "PUT",
            "/admin/access/kvflex-it",
            "{\"identity\":\"it-no-access\",\"secrets\":[\"get\"]}");
    assertThat(grant.statusCode()).isEqualTo(200);
    try {
      assertThat(raw.vaultGet("kvflex-it", path, token).statusCode()).isEqualTo(200);
    } finally {
      raw.admin("PUT", "/admin/access/kvflex-it", "{\"identity\":\"it-no-access\"}");
    }
    assertThat(raw.vaultGet("kvflex-it", path, token).statusCode()).isEqualTo(403);
  }

  @Test
  void countsAreReadableFromAdmin() {
    raw.admin("DELETE", "/admin/counts", null);
    raw.vaultGet("kvflex-it", "secrets/db-password?api-version=7.4", reader);
    HttpResponse<String> counts = raw.admin("GET", "/admin/counts", null);
    assertThat(counts.body())
        .contains(
            "\"operation\":\"secrets.get\",\"vault\":\"kvflex-it\",\"object\":\"db-password\",\"identity\":\"it-reader\",\"status\":200,\"count\":1");
  }

  @Test
  void answersBreakOffMidBodyForTheNextFew() {
    raw.admin("PUT", "/admin/faults/kvflex-it", "{\"truncateNext\":1}");
    assertThatThrownBy(
            () -> raw.vaultGet("kvflex-it", "secrets/db-password?api-version=7.4", reader))
        // the JDK client: "fixed content-length: N, bytes received: N/2", EOF underneath
        .hasRootCauseInstanceOf(java.io.EOFException.class);
    assertThat(raw.admin("GET", "/admin/faults", null).body()).contains("\"truncateNext\":0");
    assertThat(
            raw.vaultGet("kvflex-it", "secrets/db-password?api-version=7.4", reader).statusCode())
        .isEqualTo(200);
  }

  @Test
  void malformedAnswersCarryHalfTheirJsonWithAMatchingLength() {
    lv.setVaultFaults("kvflex-it", Optional.of(FaultSpec.NONE.withMalformedNext(1)));
    HttpResponse<String> cut =
        raw.vaultGet("kvflex-it", "secrets/db-password?api-version=7.4", reader);
    assertThat(cut.statusCode()).isEqualTo(200);
    assertThat(cut.headers().firstValueAsLong("content-length")).hasValue(cut.body().length());
    assertThatThrownBy(() -> Raw.json(cut)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Raw.json(raw.vaultGet("kvflex-it", "secrets/db-password?api-version=7.4", reader)))
        .containsEntry("value", "s3cr3t-value");
  }

  @Test
  void aStalledAnswerSendsHalfItsBodyThenClosesAfterTheStall() {
    lv.setFaults(FaultSpec.NONE.withStallMs(300));
    long start = System.nanoTime();
    assertThatThrownBy(
            () -> raw.vaultGet("kvflex-it", "secrets/db-password?api-version=7.4", reader))
        .hasRootCauseInstanceOf(java.io.IOException.class);
    assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
  }

  @Test
  void aDrippingAnswerArrivesWholeButSlowly() {
    lv.setFaults(FaultSpec.NONE.withDripMs(2));
    long start = System.nanoTime();
    HttpResponse<String> r =
        raw.vaultGet("kvflex-it", "secrets/db-password?api-version=7.4", reader);
    assertThat(Raw.json(r)).containsEntry("value", "s3cr3t-value");
    assertThat((System.nanoTime() - start) / 1_000_000)
        .isGreaterThanOrEqualTo(2L * r.body().length());
  }

  @Test
  void oversizedAnswersArePaddedValidJson() {
    lv.setFaults(FaultSpec.NONE.withOversizeBytes(300_000));
    HttpResponse<String> r =
        raw.vaultGet("kvflex-it", "secrets/db-password?api-version=7.4", reader);
    assertThat(r.body()).hasSize(300_000);
    assertThat(Raw.json(r))
        .containsEntry("value", "s3cr3t-value")
        .containsKey("localvault_padding");
    assertThat(raw.admin("PUT", "/admin/faults", "{\"oversizeBytes\":-1}").statusCode())
        .isEqualTo(400);
  }

  @Test
  void tokenRequestsCanBeDroppedWithoutAnAnswer() {
    raw.admin("PUT", "/admin/faults", "{\"tokenResetRate\":1.0}");
    assertThatThrownBy(() -> raw.token("it-reader", "reader-secret-value"))
        .hasRootCauseInstanceOf(java.io.IOException.class);
    raw.admin("DELETE", "/admin/faults", null);
    assertThat(raw.token("it-reader", "reader-secret-value")).isNotBlank();
  }

  @Test
  void bodyFaultsAreSeedableAndShownByAdmin() {
    FaultSpec seeded =
        io.kvflex.localvault.seed.SeedLoader.parse(
                "s.yaml",
                "faults:\n  truncateRate: 0.3\n  truncateNext: 2\n  malformedNext: 1\n"
                    + "  stallMs: 5000\n  dripMs: 100\n  tokenResetRate: 0.5\n"
                    + "  oversizeBytes: 1048576\n")
            .faults();
    assertThat(seeded)
        .isEqualTo(
            FaultSpec.NONE
                .withTruncateRate(0.3)
                .withTruncateNext(2)
                .withMalformedNext(1)
                .withStallMs(5000)
                .withDripMs(100)
                .withTokenResetRate(0.5)
                .withOversizeBytes(1 << 20));
    raw.admin(
        "PUT",
        "/admin/faults",
        "{\"truncateRate\":0.3,\"stallMs\":5000,\"dripMs\":100,\"tokenResetRate\":0.5}");
    assertThat(raw.admin("GET", "/admin/faults", null).body())
        .contains("\"truncateRate\":0.3")
        .contains("\"stallMs\":5000")
        .contains("\"dripMs\":100")
        .contains("\"tokenResetRate\":0.5");
    assertThat(raw.admin("PUT", "/admin/faults", "{\"truncateRate\":1.5}").statusCode())
        .isEqualTo(400);
  }

  private static FaultSpec withThrottleNext(int n, int retryAfter) {
    return new FaultSpec(0, 0, n, retryAfter, 0, 503, 0, 0);
  }
}
