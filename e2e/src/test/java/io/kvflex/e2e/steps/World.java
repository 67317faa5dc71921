package io.kvflex.e2e.steps;

import io.kvflex.e2e.framework.Backend;
import io.kvflex.e2e.framework.LocalVaultFixture;
import io.kvflex.e2e.framework.SharedRun;
import java.nio.file.Path;

/**
 * The scenario's view of the run (one per scenario, injected by PicoContainer): the backend, the
 * localvault and the scenario's scratch directory.
 */
public final class World {
  private final SharedRun run = SharedRun.get();
  private Path scenarioDir;

  public Backend backend() {
    return run.backend();
  }

  public LocalVaultFixture vault() {
    return run.vault();
  }

  public SharedRun run() {
    return run;
  }

  public Path repoRoot() {
    return run.settings().repoRoot();
  }

  void scenarioDir(Path dir) {
    this.scenarioDir = dir;
  }

  /** This scenario's scratch directory under {@code e2e/target/e2e-work/scenarios/<run>/}. */
  public Path scenarioDir() {
    return scenarioDir;
  }
}
