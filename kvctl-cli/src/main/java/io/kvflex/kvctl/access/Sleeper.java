package io.kvflex.kvctl.access;

import java.time.Duration;

/** Waits out throttling between ARM/Graph retries; injected so tests do not sleep. */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration duration) throws InterruptedException;

  /** {@link Thread#sleep}. */
  static Sleeper real() {
    return d -> Thread.sleep(d.toMillis());
  }
}
