package io.kvflex.e2e.steps;

import io.kvflex.e2e.framework.Kvctl;
import java.nio.file.Path;
import java.util.Optional;

/** The manifests a scenario wrote for kvctl and kvctl's latest result. */
public final class KvctlContext {
  Optional<Path> manifest = Optional.empty();
  Optional<Kvctl.Result> result = Optional.empty();

  /** Where the ARM check-access read puts the vault: subscription and resource group. */
  record VaultLocation(String subscription, String resourceGroup) {}

  Optional<VaultLocation> vaultLocation = Optional.empty();

  Kvctl.Result result() {
    return result.orElseThrow(
        () -> new IllegalStateException("kvctl has not run in this scenario"));
  }
}
