package io.kvflex.vault.http;

import java.util.Objects;

/**
 * The heap a process lets its calls spend on vault answers, in bytes: one per process (the node
 * agent's, {@code KVFLEX_AGENT_MEMORY}; the in-process driver's is {@link #unbounded()}, its heap
 * being its only call's). Each call takes a {@link Hold}; {@link BoundedBody} charges it with every
 * answer body as it is read (times {@link #EXPANSION}), and the call releases it all when it has
 * finished with its projections (written or failed). A charge that does not fit fails that call
 * with {@link MemoryBudgetExceeded} instead of letting the heap run out under every call.
 *
 * <p>The rule that keeps it free of deadlocks: only a call that holds nothing waits for others to
 * release (within its deadline); a call that already holds part of the budget and cannot get more
 * fails at once, so every holder runs to its end without waiting and its release wakes the waiters.
 * A charge larger than the whole budget (with what its call holds) fails at once.
 */
public final class MemoryBudget {
  /**
   * Heap bytes an answer byte costs while its call holds it: the body, the SDK's model and string
   * of the value, our {@code VaultObject} and the rendered file, with collection headroom. Measured
   * by bench/heap-50-objects.sh (docs/agent.md, Memory).
   */
  public static final int EXPANSION = 4;

  /** Longest single wait before the deadline is looked at again (an injected clock may jump). */
  private static final long MAX_WAIT_MILLIS = 1000;

  private static final MemoryBudget UNBOUNDED = new MemoryBudget(Long.MAX_VALUE, "");

  private final long limit;
  private final String setting;
  private long used; // guarded by this
  private int waiting; // guarded by this

  private MemoryBudget(long limit, String setting) {
    this.limit = limit;
    this.setting = Objects.requireNonNull(setting);
  }

  /**
   * A budget of {@code limit} bytes.
   *
   * @param setting the variable that sets it, named in the failure's fix
   */
  public static MemoryBudget of(long limit, String setting) {
    if (limit <= 0) {
      throw new IllegalArgumentException("a memory budget must be positive: " + limit);
    }
    return new MemoryBudget(limit, setting);
  }

  /** No budget: the heap is the limit (a process serving one call). */
  public static MemoryBudget unbounded() {
    return UNBOUNDED;
  }

  /** A hold for one call, empty. */
  public Hold open() {
    return new Hold();
  }

  public long limit() {
    return limit;
  }

  /** Bytes charged and not yet released (logs, tests). */
  public synchronized long used() {
    return used;
  }

  /** Charges waiting for a release (tests). */
  public synchronized int waiting() {
    return waiting;
  }

  private boolean bounded() {
    return limit != Long.MAX_VALUE;
  }

  /** What one call holds of the budget; closing it (once the call is done) releases it all. */
  public final class Hold implements AutoCloseable {
    private long held; // guarded by the budget
    private boolean closed; // guarded by the budget

    private Hold() {}

    /**
     * Charges {@code bytes} (already multiplied by {@link #EXPANSION} where it applies).
     *
     * @param deadline how long a call holding nothing may wait for others to release
     * @throws MemoryBudgetExceeded when the charge cannot be met under the rule above
     */
    public void charge(long bytes, Deadline deadline) {
      if (bytes <= 0 || !bounded()) {
        return;
      }
      synchronized (MemoryBudget.this) {
        if (closed || held + bytes > limit) {
          throw refused();
        }
        while (limit - used < bytes) {
          long remaining = deadline.remaining().toMillis();
          if (held > 0 || remaining <= 0) {
            throw refused();
          }
          waiting++;
          try {
            MemoryBudget.this.wait(Math.min(remaining, MAX_WAIT_MILLIS));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw refused();
          } finally {
            waiting--;
          }
          if (closed) {
            throw refused();
          }
        }
        used += bytes;
        held += bytes;
      }
    }

    /** Bytes this call holds (tests). */
    public long held() {
      synchronized (MemoryBudget.this) {
        return held;
      }
    }

    /** Releases everything this call holds; later charges are refused (a call's late reads). */
    @Override
    public void close() {
      if (!bounded()) {
        return;
      }
      synchronized (MemoryBudget.this) {
        if (closed) {
          return;
        }
        closed = true;
        used -= held;
        held = 0;
        MemoryBudget.this.notifyAll();
      }
    }

    private MemoryBudgetExceeded refused() {
      return new MemoryBudgetExceeded(limit, setting);
    }
  }
}
