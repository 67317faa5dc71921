package io.kvflex.kvctl.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvflex.errors.RemoteException;
import io.kvflex.testsupport.ManualClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The run's deadline: what is left, parts of the run within it, and waits that end by it. */
class RunDeadlineTest {
  static final Instant T0 = Instant.parse("2026-11-28T18:00:00Z");

  @Test
  void whatIsLeftShrinksWithTheClockAndPartsOfTheRunEndByItsEnd() {
    ManualClock clock = new ManualClock(T0);
    RunDeadline run = RunDeadline.after(clock, Duration.ofSeconds(60));
    clock.advance(Duration.ofSeconds(45));

    assertThat(run.remaining()).isEqualTo(Duration.ofSeconds(15));
    assertThat(run.cap(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
    assertThat(run.cap(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(15));
    RunDeadline volume = run.within(Duration.ofSeconds(30));
    assertThat(volume.end()).isEqualTo(run.end());
    assertThat(volume.limit()).isEqualTo(Duration.ofSeconds(15));
    assertThat(run.within(Duration.ofSeconds(10)).limit()).isEqualTo(Duration.ofSeconds(10));

    clock.advance(Duration.ofSeconds(20));
    assertThat(run.remaining()).isZero();
    assertThat(run.limit()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void aPassedDeadlineGivesUpWithoutStartingTheCall() {
    ManualClock clock = new ManualClock(T0);
    RunDeadline run = RunDeadline.after(clock, Duration.ofSeconds(20));
    clock.advance(Duration.ofSeconds(21));
    AtomicBoolean called = new AtomicBoolean();

    assertThatThrownBy(() -> run.await("ARM at https://arm.test/x", () -> called.getAndSet(true)))
        .isInstanceOf(RemoteException.class)
        .hasMessage(
            "gave up waiting for ARM at https://arm.test/x: kvctl waited up to 20 s (--timeout);"
                + " raise it if needed");
    assertThat(called).isFalse();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aCallThatNeverAnswersIsLeftBehindAndInterrupted() {
    // The real clock: await waits in real time; the margin is the call's, which never returns.
    RunDeadline run = RunDeadline.after(Clock.systemUTC(), Duration.ofMillis(300));
    CountDownLatch interrupted = new CountDownLatch(1);

    assertThatThrownBy(
            () ->
                run.await(
                    "Microsoft Graph at https://graph.test/v1.0/x",
                    () -> {
                      try {
                        new CountDownLatch(1).await();
                      } catch (InterruptedException e) {
                        interrupted.countDown();
                      }
                      return "never";
                    }))
        .isInstanceOf(RemoteException.class)
        .hasMessageStartingWith("gave up waiting for Microsoft Graph at https://graph.test/v1.0/x")
        .hasMessageContaining("(--timeout)");
    assertThat(interrupted).satisfies(l -> assertThat(l.await(30, TimeUnit.SECONDS)).isTrue());
  }

  @Test
  void aCallsOwnResultOrFailureComesBackAsItIs() {
    RunDeadline run = RunDeadline.after(Clock.systemUTC(), Duration.ofSeconds(60));
    assertThat(run.await("x", () -> 42)).isEqualTo(42);
    IllegalStateException own = new IllegalStateException("its own");
    assertThatThrownBy(
            () ->
                run.await(
                    "x",
                    () -> {
                      throw own;
                    }))
        .isSameAs(own);
  }
}
