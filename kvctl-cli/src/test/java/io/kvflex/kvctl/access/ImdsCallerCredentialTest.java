package io.kvflex.kvctl.access;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.TokenRequestContext;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.kvflex.kvctl.net.RunDeadline;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The caller's managed identity asks the cloud environment's IMDS, per scope's resource. */
class ImdsCallerCredentialTest {
  WireMockServer imds;

  @BeforeEach
  void start() {
    imds = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    imds.start();
  }

  @AfterEach
  void stop() {
    imds.stop();
  }

  @Test
  void asksTheConfiguredImdsForTheScopesResource() {
    long expires = Instant.now().plusSeconds(3600).getEpochSecond();
    imds.stubFor(
        get(urlPathEqualTo("/metadata/identity/oauth2/token"))
            .withHeader("Metadata", equalTo("true"))
            .withQueryParam("resource", equalTo("https://management.example.test"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"access_token\": \"arm-token\", \"token_type\": \"Bearer\","
                            + " \"expires_on\": \""
                            + expires
                            + "\", \"resource\": \"https://management.example.test/\"}")));
    ImdsCallerCredential credential =
        new ImdsCallerCredential(
            URI.create("http://127.0.0.1:" + imds.port()),
            Clock.systemUTC(),
            RunDeadline.after(Clock.systemUTC(), Duration.ofSeconds(60)));

    var token =
        credential.getTokenSync(
            new TokenRequestContext().addScopes("https://management.example.test/.default"));

    assertThat(token.getToken()).isEqualTo("arm-token");
    assertThat(token.getExpiresAt().toEpochSecond()).isEqualTo(expires);
  }
}
