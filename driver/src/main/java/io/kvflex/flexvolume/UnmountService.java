package io.kvflex.flexvolume;

import io.kvflex.flexvolume.log.EventLog;
import io.kvflex.mount.Mounter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One {@code unmount}: idempotent (a directory that is not a mount point is a success), never
 * contacts a vault, and removes the (then empty) directory.
 */
final class UnmountService {
  private final Mounter mounter;
  private final EventLog log;

  UnmountService(Mounter mounter, EventLog log) {
    this.mounter = mounter;
    this.log = log;
  }

  void unmount(Path dir) {
    if (mounter.isMountPoint(dir)) {
      mounter.unmount(dir);
      log.info("unmount.done", "dir", dir);
    } else {
      log.info("unmount.skipped", "dir", dir, "reason", "not a mount point");
    }
    try {
      // Only an empty directory is removed: never delete files of something we did not mount.
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      log.warn("unmount.rmdir_failed", "dir", dir, "cause", e.toString());
    }
  }
}
