package io.kvflex.engine;

import io.kvflex.flexvolume.log.EventLog;
import io.kvflex.vault.WarmState;
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

  private WarmVaults(WarmState state) {
    this.state = state;
  }

  /**
   * Empty warm state.
   *
   * @param clock decides when a cached token is too close to its expiry
   * @param processLog where shared HTTP clients report proxy routes (they outlive any one call)
   */
  public static WarmVaults create(Clock clock, EventLog processLog) {
    return new WarmVaults(WarmState.create(clock, AzureVaultAccess.proxyLog(processLog)));
  }

  /** An engine for one call in {@code world}, reaching vaults with this warm state. */
  public MountEngine engine(EngineWorld world) {
    return MountEngine.create(world, new AzureVaultAccess(world, state));
  }

  /** Token requests answered from memory so far (logs, tests). */
  public long tokenHits() {
    return state.tokens().hits();
  }
}
