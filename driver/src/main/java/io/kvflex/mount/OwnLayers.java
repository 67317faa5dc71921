package io.kvflex.mount;

import io.kvflex.errors.LocalWriteException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Unmounting the layers of this driver's tmpfs at one directory, top first, and nothing else but
 * the layers adopted from an earlier driver at an upgrade.
 */
final class OwnLayers {
  /** More layers than any real stacking: a bound against looping on a mount that never goes. */
  static final int MAX_LAYERS = 64;

  private OwnLayers() {}

  /** Layers that are not this driver's tmpfs but that it may unmount: the adopted ones. */
  interface Adoptions {
    /** The adoption record of exactly {@code layer}, if it has one. */
    Optional<AdoptionRecord> of(MountTable.Entry layer);

    /** Called once the layer {@code record} names is unmounted. */
    void unmounted(AdoptionRecord record);

    /** None adopted (staging directories: only the driver's own tmpfs is ever there). */
    Adoptions NONE =
        new Adoptions() {
          @Override
          public Optional<AdoptionRecord> of(MountTable.Entry layer) {
            return Optional.empty();
          }

          @Override
          public void unmounted(AdoptionRecord record) {}
        };
  }

  /**
   * Unmounts the driver's (and adopted) layers at {@code dir} until nothing is mounted there or the
   * top layer is neither, calling {@code beforeEach} before and {@code afterEach} after each
   * unmount.
   *
   * @return the layer that is not the driver's (left mounted), or empty when nothing is mounted
   */
  static Optional<MountTable.Entry> unmount(
      Mounter mounter, Path dir, Adoptions adopted, Runnable beforeEach, Runnable afterEach) {
    for (int i = 0; i < MAX_LAYERS; i++) {
      List<MountTable.Entry> stack = mounter.stackAt(dir);
      if (stack.isEmpty()) {
        return Optional.empty();
      }
      MountTable.Entry top = stack.get(stack.size() - 1);
      Optional<AdoptionRecord> record =
          VolumeMarker.isOurs(top) ? Optional.empty() : adopted.of(top);
      if (!VolumeMarker.isOurs(top) && record.isEmpty()) {
        return Optional.of(top);
      }
      beforeEach.run();
      mounter.unmount(dir);
      record.ifPresent(adopted::unmounted);
      afterEach.run();
    }
    throw new LocalWriteException(
        dir + " still has mounts after unmounting " + MAX_LAYERS + " layers; check findmnt " + dir);
  }
}
