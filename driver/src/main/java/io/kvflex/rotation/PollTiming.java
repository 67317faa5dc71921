package io.kvflex.rotation;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * When a volume is polled. Volumes are spread: a newly mounted one first polls somewhere in the
 * second half of its interval (pods started together do not poll together), one found again after
 * an agent restart somewhere in its whole interval; after that every poll comes an interval after
 * the previous one began, give or take {@value #JITTER_PERCENT}%, so volumes stay spread. Between
 * the starts of two polls there are therefore at most 1.1 intervals, and a new version is in the
 * volume at most 1.1 intervals plus one fetch after it was created.
 */
final class PollTiming {
  static final int JITTER_PERCENT = 10;

  private final RandomGenerator random;

  PollTiming(RandomGenerator random) {
    this.random = random;
  }

  /** The first poll of a volume mounted just now (its files are fresh). */
  Instant afterMount(Instant now, Duration interval) {
    return now.plus(scaled(interval, 0.5, 1.0));
  }

  /** The first poll of a volume found again after a restart (its files may be old). */
  Instant afterDiscovery(Instant now, Duration interval) {
    return now.plus(scaled(interval, 0.05, 1.0));
  }

  /**
   * The next poll after one that began at {@code started} and ended at {@code finished}: an
   * interval after the start, jittered, but never sooner than half an interval after the end (a
   * poll that outlasted the interval is not followed at once by another).
   */
  Instant next(Instant started, Instant finished, Duration interval) {
    double spread = JITTER_PERCENT / 100.0;
    Instant byStart = started.plus(scaled(interval, 1 - spread, 1 + spread));
    Instant byEnd = finished.plus(interval.dividedBy(2));
    return byStart.isBefore(byEnd) ? byEnd : byStart;
  }

  private Duration scaled(Duration interval, double from, double to) {
    double factor = from + (to - from) * random.nextDouble();
    return Duration.ofMillis(Math.round(interval.toMillis() * factor));
  }
}
