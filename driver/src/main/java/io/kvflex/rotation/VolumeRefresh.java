package io.kvflex.rotation;

import io.kvflex.options.VaultObjectSpec.ObjectRef;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** One poll of one volume. */
interface VolumeRefresh {

  /**
   * Re-fetches the volume's polled objects and, when any file's bytes differ from what is mounted,
   * swaps the whole set in. Never throws: failures are a {@link RefreshOutcome.Failed}.
   *
   * @param known the versions mounted now, as far as known (for the log of a rotation)
   * @param active false once the volume was stopped (unmount): nothing is written then
   */
  RefreshOutcome refresh(
      RotatingVolume volume, Map<ObjectRef, String> known, BooleanSupplier active);
}
