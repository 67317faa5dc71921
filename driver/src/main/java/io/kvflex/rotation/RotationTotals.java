package io.kvflex.rotation;

import java.util.concurrent.atomic.AtomicLong;

/** Counters since the agent started, over every volume. */
public final class RotationTotals {
  final AtomicLong polls = new AtomicLong();
  final AtomicLong rotations = new AtomicLong();
  final AtomicLong failures = new AtomicLong();
  final AtomicLong throttled = new AtomicLong();

  public long polls() {
    return polls.get();
  }

  public long rotations() {
    return rotations.get();
  }

  public long failures() {
    return failures.get();
  }

  /** Failed polls that were Key Vault throttling (429). */
  public long throttled() {
    return throttled.get();
  }
}
