package io.kvflex.vault.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.TokenRequestContext;
import io.kvflex.options.IdentityMode.PodIdentity;
import io.kvflex.vault.http.BoundedBody;
import io.kvflex.vault.http.Deadline;
import io.kvflex.vault.http.HttpThreads;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NmiTokenSourceTest {
  static final String TOKEN_SENTINEL = "nmi-token-SENTINEL-4f1d";
  private static final String OK =
      "{\"token\":{\"access_token\":\""
          + TOKEN_SENTINEL
          + "\",\"refresh_token\":\"\",\"expires_in\":\"3599\",\"expires_on\":\"4102444800\","
          + "\"not_before\":\"1\",\"resource\":\"https://vault.azure.net\",\"token_type\":\"Bearer\"},"
          + "\"clientid\":\"aaaaaaaa-0000-0000-0000-000000000001\"}";
  private static final PodIdentity POD = new PodIdentity("team-a", "web-0", 2579);
  private static final Backoff FAST = new Backoff(Duration.ofMillis(20), Duration.ofMillis(80));

  private static NmiTokenSource source(URI base, Duration timeout, Backoff backoff) {
    Deadline deadline = Deadline.after(Clock.systemUTC(), timeout);
    return new NmiTokenSource(
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build(),
        BoundedBody.of(deadline, new HttpThreads()),
        base,
        "https://vault.azure.net/",
        POD,
        deadline,
        backoff,
        Duration.ofSeconds(2));
  }

  @Test
  void waitsWhileNmiAnswers404ThenUsesTheToken() throws Exception {
    try (ScriptedServer nmi =
        new ScriptedServer(
            n -> n < 3 ? new ScriptedServer.Answer(404, "") : new ScriptedServer.Answer(200, OK))) {
      var token = source(nmi.base(), Duration.ofSeconds(10), FAST).fetch(new TokenRequestContext());
      assertThat(token.getToken()).isEqualTo(TOKEN_SENTINEL);
      assertThat(token.getExpiresAt().toEpochSecond()).isEqualTo(4102444800L);
      assertThat(nmi.seen).hasSize(4);
      ScriptedServer.Seen first = nmi.seen.get(0);
      assertThat(first.uri()).isEqualTo("/host/token/?resource=https%3A%2F%2Fvault.azure.net");
      assertThat(first.header("podname")).isEqualTo("web-0");
      assertThat(first.header("podns")).isEqualTo("team-a");
    }
  }

  @Test
  void gaveUpBeforeTheDeadlineSaysTheBindingIsNotAssignedAndTheKubeletRetries() throws Exception {
    try (ScriptedServer nmi = new ScriptedServer(n -> new ScriptedServer.Answer(403, ""))) {
      Instant start = Instant.now();
      Duration timeout = Duration.ofMillis(1500);
      assertThatThrownBy(
              () ->
                  source(
                          nmi.base(),
                          timeout,
                          new Backoff(Duration.ofMillis(100), Duration.ofMillis(200)))
                      .fetch(new TokenRequestContext()))
          .isInstanceOf(TokenFailure.class)
          .hasMessageContaining("pod identity binding is not assigned yet for pod team-a/web-0")
          .hasMessageContaining("HTTP 403")
          .hasMessageContaining("kubelet will retry")
          .hasMessageContaining(nmi.base() + "/host/token/")
          .hasMessageContaining("aadpodidbinding");
      assertThat(Duration.between(start, Instant.now())).isLessThan(timeout);
      assertThat(nmi.seen.size()).isGreaterThan(2);
    }
  }

  @Test
  void unreachableNmiIsNamedWithItsEndpoint() {
    URI closed = URI.create("http://127.0.0.1:1");
    assertThatThrownBy(
            () -> source(closed, Duration.ofMillis(600), FAST).fetch(new TokenRequestContext()))
        .isInstanceOf(TokenFailure.class)
        .hasMessageContaining("NMI is not reachable for pod team-a/web-0")
        .hasMessageContaining("http://127.0.0.1:1/host/token/")
        .hasMessageContaining("nmiport");
  }

  @Test
  void a400IsNotRetried() throws Exception {
    try (ScriptedServer nmi =
        new ScriptedServer(n -> new ScriptedServer.Answer(400, "missing 'podname'"))) {
      assertThatThrownBy(
              () ->
                  source(nmi.base(), Duration.ofSeconds(5), FAST).fetch(new TokenRequestContext()))
          .isInstanceOf(TokenFailure.class)
          .hasMessageContaining("HTTP 400");
      assertThat(nmi.seen).hasSize(1);
    }
  }

  @Test
  void aBodyWithoutClientIdIsRejectedWithoutQuotingTheToken() throws Exception {
    String noClient =
        OK.replace("\"clientid\":\"aaaaaaaa-0000-0000-0000-000000000001\"", "\"clientid\":\"\"");
    try (ScriptedServer nmi = new ScriptedServer(n -> new ScriptedServer.Answer(200, noClient))) {
      assertThatThrownBy(
              () ->
                  source(nmi.base(), Duration.ofSeconds(5), FAST).fetch(new TokenRequestContext()))
          .isInstanceOf(TokenFailure.class)
          .hasMessageContaining("without a token and clientid")
          .hasMessageNotContaining(TOKEN_SENTINEL);
    }
  }
}
