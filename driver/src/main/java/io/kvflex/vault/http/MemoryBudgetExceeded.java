package io.kvflex.vault.http;

import io.kvflex.errors.KvflexException;
import io.kvflex.errors.OutOfMemory;

/**
 * A {@link MemoryBudget} refused an answer: the call fails with the driver's out-of-memory message
 * (naming the budget instead of the heap) while the process and its other calls go on. Not retried:
 * the same answers would not fit again.
 */
public final class MemoryBudgetExceeded extends RuntimeException {
  private final long limit;
  private final String setting;

  MemoryBudgetExceeded(long limit, String setting) {
    super(
        "the memory budget of " + BoundedBody.describeBytes(limit) + " is spent",
        null,
        false,
        false);
    this.limit = limit;
    this.setting = setting;
  }

  /** The failure of the call, in {@link OutOfMemory}'s words. */
  public KvflexException failure(String doing) {
    return OutOfMemory.during(
        doing,
        "the node agent's memory for vault answers is limited to "
            + BoundedBody.describeBytes(limit)
            + ", "
            + setting,
        ", or raise " + setting);
  }

  /** The refusal in {@code t}'s causes, if any. */
  public static java.util.Optional<MemoryBudgetExceeded> find(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof MemoryBudgetExceeded m) {
        return java.util.Optional.of(m);
      }
    }
    return java.util.Optional.empty();
  }
}
