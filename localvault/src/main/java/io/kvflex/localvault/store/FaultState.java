package io.kvflex.localvault.store;

import io.kvflex.localvault.seed.FaultSpec;
import java.util.concurrent.atomic.AtomicInteger;

/** Faults in force, with the countdowns of the {@code ...Next} settings. */
public final class FaultState {
  private final FaultSpec spec;
  private final AtomicInteger throttleLeft;
  private final AtomicInteger truncateLeft;
  private final AtomicInteger malformedLeft;

  public FaultState(FaultSpec spec) {
    this.spec = spec;
    this.throttleLeft = new AtomicInteger(spec.throttleNext());
    this.truncateLeft = new AtomicInteger(spec.truncateNext());
    this.malformedLeft = new AtomicInteger(spec.malformedNext());
  }

  public FaultSpec spec() {
    return spec;
  }

  /** True while the countdown of forced 429 answers runs. */
  public boolean takeForcedThrottle() {
    return throttleLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }

  public int throttleLeft() {
    return throttleLeft.get();
  }

  /** True while the countdown of answers that break off runs. */
  public boolean takeForcedTruncation() {
    return take(truncateLeft);
  }

  public int truncateLeft() {
    return truncateLeft.get();
  }

  /** True while the countdown of malformed answers runs. */
  public boolean takeForcedMalformed() {
    return take(malformedLeft);
  }

  public int malformedLeft() {
    return malformedLeft.get();
  }

  private static boolean take(AtomicInteger left) {
    return left.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }
}
