package io.kvflex.vault.credentials;

import java.time.Duration;
import java.util.Objects;

/**
 * Waits between polls of NMI/IMDS: {@code initial}, doubling, at most {@code max}. Production uses
 * {@link #DEFAULT}; tests inject short waits.
 */
public record Backoff(Duration initial, Duration max) {
  /**
   * NMI assigns identities in ~35 s on average (legacy driver notes); poll fast, then every 5 s.
   */
  public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5));

  public Backoff {
    Objects.requireNonNull(initial);
    Objects.requireNonNull(max);
  }

  /** The wait after the {@code attempt}-th failed try (1-based). */
  public Duration after(int attempt) {
    Duration d = initial.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 16));
    return d.compareTo(max) > 0 ? max : d;
  }

  static boolean sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
