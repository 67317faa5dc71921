package io.kvflex.errors;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** A failure for which {@link ErrorKind#REMOTE} must act. See {@link KvflexException}. */
public final class RemoteException extends KvflexException {
  private final transient Throttled throttled;

  /**
   * The service refused because of its request limit (HTTP 429).
   *
   * @param retryAfter how long the service asked to wait (its {@code Retry-After}), when it said
   */
  public record Throttled(Optional<Duration> retryAfter) {
    public Throttled {
      Objects.requireNonNull(retryAfter);
    }
  }

  public RemoteException(String message) {
    super(message, null);
    this.throttled = null;
  }

  public RemoteException(String message, Throwable cause) {
    super(message, cause);
    this.throttled = null;
  }

  private RemoteException(String message, Throwable cause, Throttled throttled) {
    super(message, cause);
    this.throttled = throttled;
  }

  /**
   * A refusal by the service's request limit, which a caller that polls (rotation) must honour
   * before asking again.
   */
  public static RemoteException throttled(String message, Optional<Duration> retryAfter) {
    return throttled(message, null, retryAfter);
  }

  /**
   * @param cause what lay beneath, for the log (a {@link CauseTrail}), or null
   */
  public static RemoteException throttled(
      String message, Throwable cause, Optional<Duration> retryAfter) {
    return new RemoteException(message, cause, new Throttled(retryAfter));
  }

  /** Present when this failure, or one it wraps, was the service throttling the requests. */
  public Optional<Throttled> throttling() {
    for (Throwable t = this; t != null; t = t.getCause()) {
      if (t instanceof RemoteException r && r.throttled != null) {
        return Optional.of(r.throttled);
      }
    }
    return Optional.empty();
  }

  @Override
  public ErrorKind kind() {
    return ErrorKind.REMOTE;
  }
}
