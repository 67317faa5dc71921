package io.kvflex.vault.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import io.kvflex.vault.FakeHttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class DeadlineTimeoutPolicyTest {
  private static final Instant NOW = Instant.parse("2026-11-28T18:00:00Z");

  private static List<Object> timeoutsSeen(Duration left) {
    List<Object> seen = new ArrayList<>();
    HttpClient client =
        new HttpClient() {
          @Override
          public Mono<HttpResponse> send(HttpRequest request) {
            return send(request, Context.NONE);
          }

          @Override
          public Mono<HttpResponse> send(HttpRequest request, Context context) {
            seen.add(context.getData(DeadlineTimeoutPolicy.RESPONSE_TIMEOUT_KEY).orElse(null));
            return Mono.just(new FakeHttpResponse(200, new HttpHeaders(), ""));
          }

          @Override
          public HttpResponse sendSync(HttpRequest request, Context context) {
            return send(request, context).block();
          }
        };
    Deadline deadline = new Deadline(Clock.fixed(NOW, ZoneOffset.UTC), NOW.plus(left));
    HttpPipeline pipeline =
        new HttpPipelineBuilder()
            .policies(new DeadlineTimeoutPolicy(deadline, Duration.ofSeconds(20)))
            .httpClient(client)
            .build();
    pipeline.sendSync(new HttpRequest(HttpMethod.GET, "https://v.vault.azure.net/"), Context.NONE);
    return seen;
  }

  @Test
  void eachAttemptWaitsAtMostTheTimeLeft() {
    assertThat(timeoutsSeen(Duration.ofSeconds(3))).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void withTimeToSpareTheConfiguredReadTimeoutApplies() {
    assertThat(timeoutsSeen(Duration.ofMinutes(5))).containsExactly(Duration.ofSeconds(20));
  }
}
