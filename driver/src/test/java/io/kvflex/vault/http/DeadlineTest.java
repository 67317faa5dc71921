package io.kvflex.vault.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DeadlineTest {
  private static final Instant NOW = Instant.parse("2026-11-28T18:00:00Z");
  private final Deadline tenSeconds =
      new Deadline(Clock.fixed(NOW, ZoneOffset.UTC), NOW.plusSeconds(10));

  @Test
  void capShortensToTheTimeLeftButNeverToZero() {
    assertThat(tenSeconds.cap(Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(10));
    assertThat(tenSeconds.cap(Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    Deadline passed = new Deadline(Clock.fixed(NOW, ZoneOffset.UTC), NOW.minusSeconds(1));
    assertThat(passed.cap(Duration.ofSeconds(3))).isEqualTo(Duration.ofMillis(1));
    assertThat(passed.remaining()).isZero();
    assertThat(passed.passed()).isTrue();
  }

  @Test
  void allowsOnlyWaitsThatEndBeforeTheDeadline() {
    assertThat(tenSeconds.allows(Duration.ofSeconds(4), Duration.ofSeconds(5))).isTrue();
    assertThat(tenSeconds.allows(Duration.ofSeconds(5), Duration.ofSeconds(5))).isFalse();
  }

  @Test
  void reservingMovesTheDeadlineEarlier() {
    assertThat(tenSeconds.reserving(Duration.ofMillis(500)).remaining())
        .isEqualTo(Duration.ofMillis(9500));
  }
}
