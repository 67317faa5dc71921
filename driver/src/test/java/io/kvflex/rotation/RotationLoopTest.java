package io.kvflex.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.flexvolume.log.EventRecorder;
import io.kvflex.testsupport.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RotationLoopTest {
  static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

  @Test
  void sleepsUntilTheNextPollButNeverLongerThanItsBound() {
    assertThat(RotationLoop.sleepMillis(Optional.of(T.plusSeconds(3)), T)).isEqualTo(3000);
    assertThat(RotationLoop.sleepMillis(Optional.of(T.minusSeconds(3)), T)).isZero();
    assertThat(RotationLoop.sleepMillis(Optional.of(T.plusSeconds(3600)), T))
        .isEqualTo(RotationLoop.MAX_SLEEP.toMillis());
    assertThat(RotationLoop.sleepMillis(Optional.empty(), T))
        .isEqualTo(RotationLoop.MAX_SLEEP.toMillis());
  }

  /** A volume added while the loop sleeps is polled once due, without waiting out the sleep. */
  @Test
  void aChangeWakesTheLoop() throws Exception {
    ManualClock clock = new ManualClock(T);
    CountDownLatch polled = new CountDownLatch(1);
    RotationScheduler scheduler =
        new RotationScheduler(
            (v, k, a) -> {
              polled.countDown();
              return new RefreshOutcome.Unchanged(Map.of());
            },
            clock,
            new PollTiming(new Random(1)),
            new EventRecorder(),
            new RotationFixtures.SameThread());
    RotationLoop loop = new RotationLoop(scheduler, clock);
    Thread t = new Thread(loop);
    t.start();
    try {
      scheduler.add(
          RotationFixtures.volume("/v/a", "vault-a", Duration.ofSeconds(10)), Map.of(), false);
      clock.advance(Duration.ofSeconds(11));
      // Any change of the schedule wakes the loop; adding a second volume is one.
      scheduler.add(
          RotationFixtures.volume("/v/b", "vault-a", Duration.ofHours(1)), Map.of(), false);
      assertThat(polled.await(25, TimeUnit.SECONDS)).isTrue();
      assertThat(scheduler.isPolled(Path.of("/v/a"))).isTrue();
    } finally {
      loop.stop();
      t.join(TimeUnit.SECONDS.toMillis(30));
    }
    assertThat(t.isAlive()).isFalse();
  }
}
