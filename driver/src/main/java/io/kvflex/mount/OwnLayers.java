package io.kvflex.mount;

import io.kvflex.errors.LocalWriteException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Unmounting the layers of this driver's tmpfs at one directory, top first, and nothing else. */
final class OwnLayers {
  /** More layers than any real stacking: a bound against looping on a mount that never goes. */
  static final int MAX_LAYERS = 64;

  private OwnLayers() {}

  /**
   * Unmounts the driver's layers at {@code dir} until nothing is mounted there or the top layer is
   * not the driver's, calling {@code beforeEach} before and {@code afterEach} after each unmount.
   *
   * @return the layer that is not the driver's (left mounted), or empty when nothing is mounted
   */
  static Optional<MountTable.Entry> unmount(
      Mounter mounter, Path dir, Runnable beforeEach, Runnable afterEach) {
    for (int i = 0; i < MAX_LAYERS; i++) {
      List<MountTable.Entry> stack = mounter.stackAt(dir);
      if (stack.isEmpty()) {
        return Optional.empty();
      }
      MountTable.Entry top = stack.get(stack.size() - 1);
      if (!VolumeMarker.isOurs(top)) {
        return Optional.of(top);
      }
      beforeEach.run();
      mounter.unmount(dir);
      afterEach.run();
    }
    throw new LocalWriteException(
        dir + " still has mounts after unmounting " + MAX_LAYERS + " layers; check findmnt " + dir);
  }
}
