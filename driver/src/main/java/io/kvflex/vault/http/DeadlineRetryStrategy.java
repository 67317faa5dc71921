package io.kvflex.vault.http;

import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.RequestRetryCondition;
import com.azure.core.http.policy.RetryStrategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Retries throttling (429, honouring the server's Retry-After), 408, 5xx and connection resets with
 * exponential backoff, but never when the wait plus one more attempt would end after the mount
 * deadline: the caller then sees the last real answer (e.g. the 429) instead of a generic timeout.
 */
public final class DeadlineRetryStrategy implements RetryStrategy {
  private final Deadline deadline;
  private final int maxRetries;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final Duration attemptBudget;

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
    boolean transientFailure = false;
    for (Throwable t = throwable; t != null; t = t.getCause()) {
      if (t instanceof java.net.UnknownHostException
          || t instanceof java.nio.channels.UnresolvedAddressException
          || t instanceof javax.net.ssl.SSLHandshakeException) {
        return false; // unknown hosts and TLS trust failures do not heal by retrying
      }
      transientFailure |=
          t instanceof IOException
              || t instanceof UncheckedIOException
              || t instanceof TimeoutException;
    }
    return transientFailure;
  }

  @Override
  public boolean shouldRetryCondition(RequestRetryCondition condition) {
    boolean retryable =
        condition.getResponse() != null
            ? shouldRetry(condition.getResponse())
            : shouldRetryException(condition.getThrowable());
    if (!retryable || condition.getTryCount() >= maxRetries) {
      return false;
    }
    return deadline.allows(expectedDelay(condition), attemptBudget);
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
