package io.kvflex.localvault.store;

import io.kvflex.localvault.seed.FaultSpec;
import java.util.concurrent.atomic.AtomicInteger;

/** Faults in force, with the countdown of {@link FaultSpec#throttleNext()}. */
public final class FaultState {
  private final FaultSpec spec;
  private final AtomicInteger throttleLeft;

  public FaultState(FaultSpec spec) {
    this.spec = spec;
    this.throttleLeft = new AtomicInteger(spec.throttleNext());
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
}
