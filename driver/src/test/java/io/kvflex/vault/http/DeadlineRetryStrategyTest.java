package io.kvflex.vault.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import io.kvflex.vault.FakeHttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DeadlineRetryStrategyTest {
  private static final Instant NOW = Instant.parse("2026-11-28T18:00:00Z");
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  private DeadlineRetryStrategy strategy(Duration left) {
    return new DeadlineRetryStrategy(
        new Deadline(clock, NOW.plus(left)),
        4,
        Duration.ofMillis(500),
        Duration.ofSeconds(8),
        Duration.ofSeconds(1));
  }

  private static FakeHttpResponse response(int status, String retryAfter) {
    HttpHeaders h = new HttpHeaders();
    if (retryAfter != null) {
      h.set(HttpHeaderName.RETRY_AFTER, retryAfter);
    }
    return new FakeHttpResponse(status, h, "");
  }

  @Test
  void retriesThrottlingWhenTheServersWaitFitsBeforeTheDeadline() {
    assertThat(
            strategy(Duration.ofSeconds(30))
                .shouldRetryCondition(FakeHttpResponse.condition(response(429, "2"), null, 0)))
        .isTrue();
  }

  @Test
  void doesNotRetryWhenRetryAfterWouldPassTheDeadline() {
    assertThat(
            strategy(Duration.ofSeconds(30))
                .shouldRetryCondition(FakeHttpResponse.condition(response(429, "60"), null, 0)))
        .isFalse();
  }

  @Test
  void backoffWithoutRetryAfterIsAlsoBoundedByTheDeadline() {
    DeadlineRetryStrategy s = strategy(Duration.ofMillis(1200));
    assertThat(s.shouldRetryCondition(FakeHttpResponse.condition(response(503, null), null, 0)))
        .isFalse(); // 500 ms wait + 1 s attempt budget > 1.2 s
    assertThat(
            strategy(Duration.ofSeconds(5))
                .shouldRetryCondition(FakeHttpResponse.condition(response(503, null), null, 0)))
        .isTrue();
  }

  @Test
  void clientErrorsAreNotRetried() {
    for (int status : new int[] {400, 401, 403, 404}) {
      assertThat(
              strategy(Duration.ofSeconds(30))
                  .shouldRetryCondition(
                      FakeHttpResponse.condition(response(status, null), null, 0)))
          .as("status %s", status)
          .isFalse();
    }
  }

  @Test
  void connectionResetsAreRetriedButUnknownHostsAreNot() {
    DeadlineRetryStrategy s = strategy(Duration.ofSeconds(30));
    assertThat(s.shouldRetryException(new UncheckedIOException(new IOException("reset")))).isTrue();
    assertThat(s.shouldRetryException(new UncheckedIOException(new UnknownHostException("x"))))
        .isFalse();
  }

  @Test
  void stopsAfterMaxRetries() {
    assertThat(
            strategy(Duration.ofMinutes(10))
                .shouldRetryCondition(FakeHttpResponse.condition(response(503, null), null, 4)))
        .isFalse();
  }

  @Test
  void saysWhetherTheTriesOrTheTimeRanOut() {
    DeadlineRetryStrategy roomy = strategy(Duration.ofMinutes(10));
    assertThat(roomy.shouldRetryCondition(FakeHttpResponse.condition(response(503, null), null, 0)))
        .isTrue();
    assertThat(roomy.lastStop()).isEmpty();
    // azure-core does not ask once the count is used up: the last allowed retry records it.
    assertThat(roomy.shouldRetryCondition(FakeHttpResponse.condition(response(503, null), null, 3)))
        .isTrue();
    assertThat(roomy.lastStop()).contains(new DeadlineRetryStrategy.Stop(false, 5));
    roomy.forget();
    assertThat(roomy.lastStop()).isEmpty();

    DeadlineRetryStrategy tight = strategy(Duration.ofMillis(1200));
    assertThat(tight.shouldRetryCondition(FakeHttpResponse.condition(response(503, null), null, 1)))
        .isFalse();
    assertThat(tight.lastStop()).contains(new DeadlineRetryStrategy.Stop(true, 2));
    // A final answer is no retry stop at all.
    assertThat(tight.shouldRetryCondition(FakeHttpResponse.condition(response(404, null), null, 0)))
        .isFalse();
    assertThat(tight.lastStop()).isEmpty();
  }

  @Test
  void eachThreadSeesItsOwnStop() throws Exception {
    DeadlineRetryStrategy s = strategy(Duration.ofMillis(1200));
    s.shouldRetryCondition(FakeHttpResponse.condition(response(503, null), null, 0));
    Thread other = new Thread(() -> assertThat(s.lastStop()).isEmpty());
    other.start();
    other.join();
    assertThat(s.lastStop()).isPresent();
  }

  @Test
  void backoffGrowsAndIsCapped() {
    DeadlineRetryStrategy s = strategy(Duration.ofSeconds(30));
    assertThat(s.calculateRetryDelay(0)).isEqualTo(Duration.ofMillis(500));
    assertThat(s.calculateRetryDelay(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.calculateRetryDelay(10)).isEqualTo(Duration.ofSeconds(8));
  }
}
