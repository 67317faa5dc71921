package io.kvflex.engine;

import io.kvflex.flexvolume.log.EventLog;
import io.kvflex.vault.WarmState;
import io.kvflex.vault.http.MemoryBudget;
import java.time.Clock;

/**
 * What a process keeps warm between mounts: access tokens per exact identity and kept-alive HTTP
 * connections ({@link WarmState}), never an object value. The node agent makes one when it starts
 * and an engine per call with {@link #engine}: each call has its own world (its log with its own
 * redactor, the kubelet's proxy variables) and all calls share the tokens and connections. The
 * in-process driver's engine holds one too ({@link MountEngine#create(EngineWorld)}), so both ways
 * in run the same code.
 */
public final class WarmVaults {
  private final WarmState state;
  private final int maxParallel;

  private WarmVaults(WarmState state, int maxParallel) {
    this.state = state;
    this.maxParallel = maxParallel;
  }

  /**
   * Empty warm state for a process that serves one call (the in-process driver): 4 objects are
   * fetched at once, each on a new connection.
   *
   * @param clock decides when a cached token is too close to its expiry
   * @param processLog where shared HTTP clients report proxy routes (they outlive any one call)
   */
  public static WarmVaults create(Clock clock, EventLog processLog) {
    return new WarmVaults(
        WarmState.create(clock, AzureVaultAccess.proxyLog(processLog)), FetchPhase.MAX_PARALLEL);
  }

  /**
   * Empty warm state for a process that serves many calls (the node agent): its connections stay
   * open, so 8 objects are fetched at once.
   */
  public static WarmVaults longLived(Clock clock, EventLog processLog) {
    return new WarmVaults(
        WarmState.create(clock, AzureVaultAccess.proxyLog(processLog)),
        FetchPhase.MAX_PARALLEL_WARM);
  }

  /** An engine for one call in {@code world}, reaching vaults with this warm state. */
  public MountEngine engine(EngineWorld world) {
    return engine(world, MemoryBudget.unbounded().open());
  }

  /**
   * An engine for one call in {@code world} whose vault answers are charged to {@code memory}, the
   * call's share of the process's {@link MemoryBudget}; the caller closes it once the call has
   * finished with its projections.
   */
  public MountEngine engine(EngineWorld world, MemoryBudget.Hold memory) {
    return new Engine(world, new AzureVaultAccess(world, state, memory), maxParallel);
  }

  /**
   * An engine for calls in {@code world} that have no end of their own the caller sees (the node
   * agent's rotation polls): each projection holds its share of {@code memory} while it is made.
   */
  public MountEngine budgetedEngine(EngineWorld world, MemoryBudget memory) {
    return new BudgetedEngine(this, world, memory);
  }

  /** Token requests answered from memory so far (logs, tests). */
  public long tokenHits() {
    return state.tokens().hits();
  }
}
