package io.kvflex.vault.http;

import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.RequestRetryCondition;
import com.azure.core.http.policy.RetryStrategy;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Retries throttling (429, honouring the server's Retry-After), 408, 5xx and the failures {@link
 * Retryable} calls transient (resets, broken or malformed bodies, timeouts) with exponential
 * backoff, but never when the wait plus one more attempt would end after the mount deadline: the
 * caller then sees the last real answer (e.g. the 429) instead of a generic timeout, and {@link
 * #lastStop()} says whether the tries or the time ran out.
 */
public final class DeadlineRetryStrategy implements RetryStrategy {
  /**
   * Why retrying stopped while the failure was still retryable.
   *
   * @param deadline true when the next try would have ended after the deadline, false when the
   *     tries ran out
   * @param tries tries made
   */
  public record Stop(boolean deadline, int tries) {}

  private final Deadline deadline;
  private final int maxRetries;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final Duration attemptBudget;

  /** Sync pipelines run on the caller's thread, so the caller finds its own call's stop here. */
  private final ThreadLocal<Stop> stops = new ThreadLocal<>();

  /**
   * @param attemptBudget time one more attempt is expected to need; a retry that would leave less
   *     than this before the deadline is not made
   */
  public DeadlineRetryStrategy(
      Deadline deadline,
      int maxRetries,
      Duration baseDelay,
      Duration maxDelay,
      Duration attemptBudget) {
    this.deadline = deadline;
    this.maxRetries = maxRetries;
    this.baseDelay = baseDelay;
    this.maxDelay = maxDelay;
    this.attemptBudget = attemptBudget;
  }

  @Override
  public int getMaxRetries() {
    return maxRetries;
  }

  @Override
  public Duration calculateRetryDelay(int retryAttempts) {
    long factor = 1L << Math.min(Math.max(retryAttempts, 0), 16);
    Duration d = baseDelay.multipliedBy(factor);
    return d.compareTo(maxDelay) > 0 ? maxDelay : d;
  }

  @Override
  public boolean shouldRetry(HttpResponse response) {
    int s = response.getStatusCode();
    return s == 408 || s == 429 || (s >= 500 && s != 501 && s != 505);
  }

  @Override
  public boolean shouldRetryException(Throwable throwable) {
    return Retryable.failure(throwable);
  }

  @Override
  public boolean shouldRetryCondition(RequestRetryCondition condition) {
    boolean retryable =
        condition.getResponse() != null
            ? shouldRetry(condition.getResponse())
            : shouldRetryException(condition.getThrowable());
    if (!retryable) {
      stops.remove();
      return false;
    }
    int tries = condition.getTryCount() + 1;
    if (condition.getTryCount() >= maxRetries) {
      stops.set(new Stop(false, tries));
      return false;
    }
    if (!deadline.allows(expectedDelay(condition), attemptBudget)) {
      stops.set(new Stop(true, tries));
      return false;
    }
    if (condition.getTryCount() + 1 >= maxRetries) {
      // azure-core's RetryPolicy does not ask again once the count is used up: should the next
      // (last) try fail too, the tries ran out, not the time.
      stops.set(new Stop(false, tries + 1));
    } else {
      stops.remove();
    }
    return true;
  }

  /**
   * Why the calling thread's last request stopped retrying a retryable failure; empty when its last
   * answer was final or it is still retrying. Clear it with {@link #forget()} before a call.
   */
  public Optional<Stop> lastStop() {
    return Optional.ofNullable(stops.get());
  }

  /** Forgets the calling thread's last stop. */
  public void forget() {
    stops.remove();
  }

  /** The delay azure-core's RetryPolicy will wait before the next attempt. */
  Duration expectedDelay(RequestRetryCondition condition) {
    if (condition.getResponse() != null) {
      Optional<Duration> asked =
          RetryAfter.from(
              condition.getResponse().getHeaders(),
              OffsetDateTime.ofInstant(deadline.clock().instant(), ZoneOffset.UTC));
      if (asked.isPresent()) {
        return asked.get();
      }
    }
    return calculateRetryDelay(condition.getTryCount());
  }
}
