package io.kvflex.flexvolume;

import io.kvflex.flexvolume.log.EventLog;
import io.kvflex.mount.LinkFreeDirs;
import io.kvflex.mount.VolumeLifecycle;
import io.kvflex.mount.VolumeLocks;
import io.kvflex.options.KubeletVolumePath;
import io.kvflex.rotation.VolumeRotation;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * One {@code unmount}, confined to this driver's own volumes: the directory must have the kubelet's
 * shape and be a real directory all the way from the pod's own (never reached through a link);
 * every layer of this driver's tmpfs there is unmounted (recognised by its marker, see {@link
 * io.kvflex.mount.VolumeMarker}), and every layer adopted from an earlier driver at an upgrade (the
 * exact mount recorded then, see {@link io.kvflex.mount.LegacyAdoption}); anything else mounted
 * there makes it fail, and only an empty directory is removed. Idempotent (a missing directory or
 * one that is not a mount point is a success), never contacts a vault.
 */
final class UnmountService {
  /** How long an unmount waits for a mount of the same volume that is still running. */
  static final Duration LOCK_WAIT = Duration.ofMinutes(2);

  private final VolumeLifecycle lifecycle;
  private final EventLog log;
  private final Clock clock;
  private final VolumeRotation rotation;

  /** Without rotation (tests of the lifecycle alone). */
  UnmountService(VolumeLifecycle lifecycle, EventLog log, Clock clock) {
    this(lifecycle, VolumeRotation.NONE, log, clock);
  }

  UnmountService(VolumeLifecycle lifecycle, VolumeRotation rotation, EventLog log, Clock clock) {
    this.lifecycle = lifecycle;
    this.rotation = rotation;
    this.log = log;
    this.clock = clock;
  }

  void unmount(Path dir) {
    KubeletVolumePath volume = VolumeDirs.require(dir, "unmount");
    // Before the lock: polling ends and no poll of this volume runs any more, so its files do not
    // change while it is unmounted (a poll writes only under this same lock, and only if polled).
    rotation.unmounting(dir);
    if (LinkFreeDirs.check(volume.podsDir(), volume.podDirs()) == LinkFreeDirs.State.ABSENT) {
      log.info("unmount.skipped", "dir", dir, "reason", "no such directory");
      return;
    }
    try (VolumeLocks.Held held =
        lifecycle.lock(volume.volumeKey(), clock.instant().plus(LOCK_WAIT), dir.toString())) {
      // Checked again under the lock: a concurrent call may have changed it meanwhile.
      if (LinkFreeDirs.check(volume.podsDir(), volume.podDirs()) == LinkFreeDirs.State.ABSENT) {
        log.info("unmount.skipped", "dir", dir, "reason", "no such directory");
        return;
      }
      VolumeLifecycle.TargetState state = lifecycle.inspect(dir);
      boolean mounted =
          state instanceof VolumeLifecycle.TargetState.Ours
              || state instanceof VolumeLifecycle.TargetState.Adopted;
      lifecycle.unmountOurs(held, dir);
      log.info("unmount.done", "dir", dir, "unmounted", mounted);
      removeIfEmpty(dir);
    }
  }

  /**
   * Only an empty directory is removed: never delete files of something the driver did not mount.
   */
  private void removeIfEmpty(Path dir) {
    try {
      Files.delete(dir);
    } catch (NoSuchFileException e) {
      // removed meanwhile (the kubelet removes it as well)
    } catch (DirectoryNotEmptyException e) {
      log.warn("unmount.dir_kept", "dir", dir, "reason", "not empty: files not written by kvflex");
    } catch (IOException e) {
      log.warn("unmount.rmdir_failed", "dir", dir, "cause", e.toString());
    }
  }
}
