package io.kvflex.engine;

import io.kvflex.options.MountRequest;
import io.kvflex.vault.http.MemoryBudget;
import java.nio.file.Path;
import java.time.Instant;

/**
 * An engine whose every {@link #project} (a rotation poll of the node agent) charges its vault
 * answers to the agent's {@link MemoryBudget} like a call does, so a vault that answers a poll with
 * oversized bodies fails that poll (with the out-of-memory words) instead of taking the agent down.
 * The hold ends when the projection is returned: a poll has no end the engine sees, and a rendered
 * poll is swapped in right after.
 */
final class BudgetedEngine implements MountEngine {
  private final WarmVaults warm;
  private final EngineWorld world;
  private final MemoryBudget memory;

  BudgetedEngine(WarmVaults warm, EngineWorld world, MemoryBudget memory) {
    this.warm = warm;
    this.world = world;
    this.memory = memory;
  }

  @Override
  public ParsedMount parse(String optionsJson, Path mountDir) {
    return warm.engine(world).parse(optionsJson, mountDir);
  }

  @Override
  public Projection project(MountRequest request, Instant deadline, FailurePolicy policy) {
    try (MemoryBudget.Hold hold = memory.open()) {
      return warm.engine(world, hold).project(request, deadline, policy);
    }
  }
}
