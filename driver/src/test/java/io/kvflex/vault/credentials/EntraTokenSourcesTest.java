package io.kvflex.vault.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.RetryPolicy;
import io.kvflex.cloud.CloudEnvironment;
import io.kvflex.cloud.CloudEnvironments;
import io.kvflex.options.CloudName;
import io.kvflex.options.IdentityMode;
import io.kvflex.options.Sensitive;
import io.kvflex.vault.http.Deadline;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class EntraTokenSourcesTest {
  private static final String TENANT = "11111111-2222-3333-4444-555555555555";

  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "msal-test");
            t.setDaemon(true);
            return t;
          });

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  /**
   * Every named cloud's client-secret token costs one request, the token POST to the cloud's own
   * authority: no instance discovery first (a round trip to the login host on every cold mount,
   * validating an authority that comes from our own cloud table or the admin's cloud file).
   */
  @Test
  void aNamedCloudsTokenIsOneRequestToItsAuthorityWithoutInstanceDiscovery() {
    for (CloudName name : List.of(CloudName.values())) {
      if (name == CloudName.AZURE_STACK_CLOUD) {
        continue; // no built-in endpoints; localvault's tests cover cloud files
      }
      CloudEnvironment cloud = CloudEnvironments.builtIn(name, 2579);
      Recording http = new Recording();
      TokenSource source =
          EntraTokenSources.clientSecret(
              new IdentityMode.ServicePrincipalSecret(
                  "app-1", Sensitive.ofUtf8("client-secret-SENTINEL-4b1d")),
              TENANT,
              cloud,
              new EntraTokenSources.Http(http, executor, new RetryPolicy()),
              Deadline.after(Clock.systemUTC(), Duration.ofMinutes(2)));

      AccessToken token =
          source.fetch(new TokenRequestContext().addScopes(cloud.vaultResource() + "/.default"));

      assertThat(token.getToken()).isEqualTo("token-of-" + cloud.authorityHost().getHost());
      assertThat(http.requests)
          .as("requests for %s", name)
          .containsExactly(
              "POST "
                  + cloud.authorityHost().toString().replaceAll("/+$", "")
                  + "/"
                  + TENANT
                  + "/oauth2/v2.0/token");
    }
  }

  /** Answers a token request with a token; records every request (method and URL). */
  private static final class Recording implements HttpClient {
    final List<String> requests = new CopyOnWriteArrayList<>();

    @Override
    public Mono<HttpResponse> send(HttpRequest request) {
      String url = request.getUrl().toString();
      requests.add(request.getHttpMethod() + " " + url.replaceAll("\\?.*", ""));
      String body =
          url.contains("/oauth2/v2.0/token")
              ? "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,"
                  + "\"access_token\":\"token-of-"
                  + request.getUrl().getHost()
                  + "\"}"
              : "{\"tenant_discovery_endpoint\":\"https://"
                  + request.getUrl().getHost()
                  + "/"
                  + TENANT
                  + "/v2.0/.well-known/openid-configuration\",\"api-version\":\"1.1\","
                  + "\"metadata\":[]}";
      return Mono.just(new Answer(request, body));
    }
  }

  private static final class Answer extends HttpResponse {
    private final byte[] body;

    Answer(HttpRequest request, String body) {
      super(request);
      this.body = body.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int getStatusCode() {
      return 200;
    }

    @Override
    @Deprecated
    public String getHeaderValue(String name) {
      return getHeaders().getValue(name);
    }

    @Override
    public HttpHeaders getHeaders() {
      return new HttpHeaders().set(HttpHeaderName.CONTENT_TYPE, "application/json; charset=utf-8");
    }

    @Override
    public Flux<ByteBuffer> getBody() {
      return Flux.just(ByteBuffer.wrap(body));
    }

    @Override
    public Mono<byte[]> getBodyAsByteArray() {
      return Mono.just(body);
    }

    @Override
    public Mono<String> getBodyAsString() {
      return Mono.just(new String(body, StandardCharsets.UTF_8));
    }

    @Override
    public Mono<String> getBodyAsString(java.nio.charset.Charset charset) {
      return Mono.just(new String(body, charset));
    }
  }
}
