package io.kvflex.vault.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.TokenRequestContext;
import io.kvflex.options.IdentityMode.VmManagedIdentity;
import io.kvflex.vault.http.BoundedBody;
import io.kvflex.vault.http.Deadline;
import io.kvflex.vault.http.HttpThreads;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImdsTokenSourceTest {
  private static final String TOKEN_SENTINEL = "imds-token-SENTINEL-77aa";
  private static final String OK =
      "{\"access_token\":\""
          + TOKEN_SENTINEL
          + "\",\"refresh_token\":\"\",\"expires_in\":\"3599\",\"expires_on\":\"4102444800\","
          + "\"not_before\":\"1\",\"resource\":\"https://vault.azure.net\",\"token_type\":\"Bearer\"}";
  private static final String USER_ID = "bbbbbbbb-0000-0000-0000-000000000002";
  private static final Backoff FAST = new Backoff(Duration.ofMillis(20), Duration.ofMillis(80));

  private static ImdsTokenSource source(URI base, VmManagedIdentity id) {
    Deadline deadline = Deadline.after(Clock.systemUTC(), Duration.ofSeconds(10));
    return new ImdsTokenSource(
        HttpClient.newHttpClient(),
        BoundedBody.of(deadline, new HttpThreads()),
        base,
        "https://vault.azure.net",
        id,
        deadline,
        FAST,
        Duration.ofSeconds(2));
  }

  @Test
  void systemAssignedSendsNoClientIdAndTheMetadataHeader() throws Exception {
    try (ScriptedServer imds = new ScriptedServer(n -> new ScriptedServer.Answer(200, OK))) {
      var token =
          source(imds.base(), new VmManagedIdentity(Optional.empty()))
              .fetch(new TokenRequestContext());
      assertThat(token.getToken()).isEqualTo(TOKEN_SENTINEL);
      assertThat(imds.seen.get(0).uri())
          .isEqualTo(
              "/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fvault.azure.net");
      assertThat(imds.seen.get(0).header("Metadata")).isEqualTo("true");
    }
  }

  @Test
  void userAssignedSendsItsClientId() throws Exception {
    try (ScriptedServer imds = new ScriptedServer(n -> new ScriptedServer.Answer(200, OK))) {
      source(imds.base(), new VmManagedIdentity(Optional.of(USER_ID)))
          .fetch(new TokenRequestContext());
      assertThat(imds.seen.get(0).uri()).endsWith("&client_id=" + USER_ID);
    }
  }

  @Test
  void status400MeansTheIdentityIsNotAssignedToTheVm() throws Exception {
    try (ScriptedServer imds =
        new ScriptedServer(
            n ->
                new ScriptedServer.Answer(
                    400,
                    "{\"error\":\"invalid_request\",\"error_description\":\"Identity not found\"}"))) {
      assertThatThrownBy(
              () ->
                  source(imds.base(), new VmManagedIdentity(Optional.of(USER_ID)))
                      .fetch(new TokenRequestContext()))
          .isInstanceOf(TokenFailure.class)
          .hasMessageContaining("identity is not assigned to this VM (invalid_request)")
          .hasMessageContaining("HTTP 400")
          .hasMessageContaining("VM managed identity " + USER_ID + " (user-assigned)")
          .hasMessageContaining("az vmss identity assign");
      assertThat(imds.seen).hasSize(1);
    }
  }

  @Test
  void transientErrorsAreRetriedABoundedNumberOfTimes() throws Exception {
    try (ScriptedServer imds = new ScriptedServer(n -> new ScriptedServer.Answer(503, ""))) {
      assertThatThrownBy(
              () ->
                  source(imds.base(), new VmManagedIdentity(Optional.empty()))
                      .fetch(new TokenRequestContext()))
          .isInstanceOf(TokenFailure.class)
          .hasMessageContaining(
              "IMDS did not issue a token for VM managed identity (system-assigned) (5 tries)")
          .hasMessageContaining("HTTP 503");
      assertThat(imds.seen).hasSize(5);
    }
  }

  @Test
  void transient410ThenSuccess() throws Exception {
    try (ScriptedServer imds =
        new ScriptedServer(
            n ->
                n == 0 ? new ScriptedServer.Answer(410, "") : new ScriptedServer.Answer(200, OK))) {
      assertThat(
              source(imds.base(), new VmManagedIdentity(Optional.empty()))
                  .fetch(new TokenRequestContext())
                  .getToken())
          .isEqualTo(TOKEN_SENTINEL);
    }
  }

  @Test
  void aMalformedTokenAnswerIsTriedAgainLikeABrokenConnection() throws Exception {
    try (ScriptedServer imds =
        new ScriptedServer(
            n ->
                n == 0
                    ? new ScriptedServer.Answer(200, OK.substring(0, OK.length() / 2))
                    : new ScriptedServer.Answer(200, OK))) {
      assertThat(
              source(imds.base(), new VmManagedIdentity(Optional.empty()))
                  .fetch(new TokenRequestContext())
                  .getToken())
          .isEqualTo(TOKEN_SENTINEL);
      assertThat(imds.seen).hasSize(2);
    }
  }

  @Test
  void anUnknownHostIsNotRetriedOnTheTokenEndpointEither() {
    // The same rule as for Key Vault and Entra ID (Retryable): a failed lookup is final.
    assertThatThrownBy(
            () ->
                source(
                        URI.create("http://imds.nowhere.invalid:8080"),
                        new VmManagedIdentity(Optional.empty()))
                    .fetch(new TokenRequestContext()))
        .isInstanceOf(TokenFailure.class)
        .hasMessageContaining("(1 try)")
        .hasMessageContaining("host imds.nowhere.invalid:8080 cannot be resolved (DNS)");
  }
}
