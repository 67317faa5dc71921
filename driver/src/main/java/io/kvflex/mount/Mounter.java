package io.kvflex.mount;

import java.nio.file.Path;

/**
 * Mount-table operations the driver needs. The production implementation runs {@code mount(8)} and
 * {@code umount(8)} and reads {@code /proc/self/mountinfo}; tests that cannot be root use a fake.
 * Failures are {@link io.kvflex.errors.LocalWriteException}s naming the directory and the cause.
 */
public interface Mounter {

  /** Whether {@code dir} is itself a mount point (false when it does not exist). */
  boolean isMountPoint(Path dir);

  /**
   * Mounts a fresh tmpfs at {@code dir} with {@code nosuid,nodev,noexec}, root mode 0755 and a size
   * cap.
   */
  void mountTmpfs(Path dir, long sizeBytes);

  /** Unmounts whatever is mounted at {@code dir}. */
  void unmount(Path dir);
}
