package io.kvflex.kvctl.net;

import io.kvflex.errors.RemoteException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * When a kvctl command gives up ({@code --timeout}): every network wait of the run ends by then,
 * whatever the library doing the waiting would otherwise allow (an SDK's own retries, a token
 * provider's back-off, a server that accepts and never answers).
 */
public final class RunDeadline {
  private final Clock clock;
  private final Instant end;
  private final Duration limit;

  private RunDeadline(Clock clock, Instant end, Duration limit) {
    this.clock = Objects.requireNonNull(clock);
    this.end = Objects.requireNonNull(end);
    this.limit = Objects.requireNonNull(limit);
  }

  /** Ends {@code limit} from now. */
  public static RunDeadline after(Clock clock, Duration limit) {
    return new RunDeadline(clock, clock.instant().plus(limit), limit);
  }

  /** The whole wait allowed, as given ({@code --timeout}). */
  public Duration limit() {
    return limit;
  }

  public Instant end() {
    return end;
  }

  /** The time left; zero once passed. */
  public Duration remaining() {
    Duration left = Duration.between(clock.instant(), end);
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** {@code wait}, shortened to the time left. */
  public Duration cap(Duration wait) {
    Duration left = remaining();
    return wait.compareTo(left) < 0 ? wait : left;
  }

  /**
   * A deadline for one part of the run that may take at most {@code wait} (a volume's own timeout):
   * it ends then, or when this one does if that is sooner.
   */
  public RunDeadline within(Duration wait) {
    Duration capped = cap(wait);
    return new RunDeadline(clock, clock.instant().plus(capped), capped);
  }

  /**
   * Runs {@code call} and waits for it until the deadline, not longer. A call still running then is
   * interrupted and left behind on its daemon thread (kvctl exits soon after).
   *
   * @param what what is waited for, in a message ("ARM at https://management.azure.com/...")
   * @throws RemoteException when the deadline passes first, naming {@code what} and the limit
   */
  public <T> T await(String what, Callable<T> call) {
    Duration left = remaining();
    if (left.isZero()) {
      throw gaveUp(what);
    }
    FutureTask<T> task = new FutureTask<>(call);
    Thread worker = new Thread(task, "kvctl-wait");
    worker.setDaemon(true);
    worker.start();
    try {
      return task.get(left.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      task.cancel(true);
      throw gaveUp(what);
    } catch (InterruptedException e) {
      task.cancel(true);
      Thread.currentThread().interrupt();
      throw new RemoteException("interrupted while waiting for " + what, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new RemoteException(what + " failed: " + cause, cause);
    }
  }

  /** Why the run stopped waiting for {@code what}: the deadline passed. */
  public RemoteException gaveUp(String what) {
    return new RemoteException(
        "gave up waiting for " + what + ": " + FailureHints.waited(limit) + "; raise it if needed");
  }
}
