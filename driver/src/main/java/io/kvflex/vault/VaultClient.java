package io.kvflex.vault;

import io.kvflex.options.VaultObjectSpec.ObjectRef;

/**
 * The port through which the engine reads Key Vault. Implementations return our own records; the
 * Azure SDK appears only in the adapter. One client serves one mount (one vault, one identity, one
 * token). Failures are {@link io.kvflex.errors.RemoteException}s whose message names the object,
 * the vault, the HTTP status and the fix.
 */
public interface VaultClient {

  /** Fetches one object; the version is the pinned one or the latest. */
  VaultObject fetch(ObjectRef ref);
}
