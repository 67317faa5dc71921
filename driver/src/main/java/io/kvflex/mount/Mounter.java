package io.kvflex.mount;

import java.nio.file.Path;
import java.util.List;

/**
 * Mount-table operations the driver needs. The production implementation runs {@code mount(8)} and
 * {@code umount(8)} and reads {@code /proc/self/mountinfo}; tests that cannot be root use a fake.
 * Failures are {@link io.kvflex.errors.LocalWriteException}s naming the directory and the cause.
 */
public interface Mounter {

  /**
   * The mounts stacked at {@code dir}, bottom first (the last is what a process sees); empty when
   * {@code dir} is not a mount point or does not exist.
   */
  List<MountTable.Entry> stackAt(Path dir);

  /** Whether {@code dir} is itself a mount point (false when it does not exist). */
  default boolean isMountPoint(Path dir) {
    return !stackAt(dir).isEmpty();
  }

  /**
   * Mounts a fresh tmpfs named {@code source} (what the mount table shows as its source) at {@code
   * dir} with {@code nosuid,nodev,noexec}, root mode 0755 and a size cap.
   */
  void mountTmpfs(Path dir, String source, long sizeBytes);

  /** Makes the mount at {@code from} visible at {@code to} as well (one atomic mount call). */
  void bind(Path from, Path to);

  /** Unmounts the top mount at {@code dir}. */
  void unmount(Path dir);
}
