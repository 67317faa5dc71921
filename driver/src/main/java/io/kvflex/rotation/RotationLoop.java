package io.kvflex.rotation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The agent's thread that drives a {@link RotationScheduler}: starts the due polls, then sleeps
 * until the next one is due or the schedule changes (a volume added or stopped, a poll finished).
 * It never holds its own monitor while calling the scheduler, so the scheduler may wake it from
 * inside its own lock.
 */
final class RotationLoop implements Runnable {
  /** Looks again at least this often (a clock that jumped, a missed wake-up). */
  static final Duration MAX_SLEEP = Duration.ofSeconds(30);

  private final RotationScheduler scheduler;
  private final Clock clock;
  private final Object monitor = new Object();
  private boolean signalled;
  private volatile boolean running = true;

  RotationLoop(RotationScheduler scheduler, Clock clock) {
    this.scheduler = scheduler;
    this.clock = clock;
    scheduler.onChange(this::wake);
  }

  @Override
  public void run() {
    while (running) {
      scheduler.runDue();
      long sleep = sleepMillis(scheduler.nextWake(), clock.instant());
      synchronized (monitor) {
        try {
          if (!signalled && running) {
            // A floor, so a poll the executor refused is not retried in a busy loop.
            monitor.wait(Math.max(10, sleep));
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        signalled = false;
      }
    }
  }

  static long sleepMillis(Optional<Instant> next, Instant now) {
    long max = MAX_SLEEP.toMillis();
    return next.map(n -> Math.min(max, Math.max(0, Duration.between(now, n).toMillis())))
        .orElse(max);
  }

  void wake() {
    synchronized (monitor) {
      signalled = true;
      monitor.notifyAll();
    }
  }

  void stop() {
    running = false;
    wake();
  }
}
