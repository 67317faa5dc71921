package io.kvflex.vault.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The instant by which a mount must have all its objects, read from an injected clock. Every wait
 * and retry in the vault adapter (token requests, NMI/IMDS polling, Key Vault retries) stops before
 * it, so a failure is reported with its real cause instead of a generic timeout.
 */
public record Deadline(Clock clock, Instant at) {
  public Deadline {
    Objects.requireNonNull(clock);
    Objects.requireNonNull(at);
  }

  /** A deadline {@code timeout} from now. */
  public static Deadline after(Clock clock, Duration timeout) {
    return new Deadline(clock, clock.instant().plus(timeout));
  }

  /**
   * The same deadline moved {@code reserve} earlier: the adapter gives up that much before the
   * mount does, so its own diagnosis (not the caller's generic timeout) reaches the user.
   */
  public Deadline reserving(Duration reserve) {
    return new Deadline(clock, at.minus(reserve));
  }

  /** Time left; zero once passed. */
  public Duration remaining() {
    Duration left = Duration.between(clock.instant(), at);
    return left.isNegative() ? Duration.ZERO : left;
  }

  public boolean passed() {
    return !clock.instant().isBefore(at);
  }

  /** Whether waiting {@code wait} and then doing {@code work} still ends before the deadline. */
  public boolean allows(Duration wait, Duration work) {
    return clock.instant().plus(wait).plus(work).isBefore(at);
  }

  /** {@code limit}, shortened to the time left (never zero: HTTP clients reject it). */
  public Duration cap(Duration limit) {
    Duration left = remaining();
    Duration capped = left.compareTo(limit) < 0 ? left : limit;
    return capped.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : capped;
  }
}
