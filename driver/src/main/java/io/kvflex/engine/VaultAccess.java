package io.kvflex.engine;

import io.kvflex.options.MountRequest;
import io.kvflex.vault.VaultClient;
import java.time.Instant;

/**
 * How the engine reaches a vault: the one seam between the fetch loop and the vault adapter. The
 * production one builds a fresh client per mount; a test double serves canned objects.
 */
@FunctionalInterface
public interface VaultAccess {

  /**
   * A client for the request's vault and identity (one client, one token for the whole mount).
   * Calls made through it give up by {@code deadline}.
   */
  VaultClient open(MountRequest request, Instant deadline);
}
