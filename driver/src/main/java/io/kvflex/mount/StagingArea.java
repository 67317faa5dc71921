package io.kvflex.mount;

import io.kvflex.errors.LocalWriteException;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Private mount points under {@code <run dir>/staging/} where a volume's tmpfs is filled before it
 * is bound onto the kubelet's directory. Each is named {@code <lock stripe>.<random>} and used only
 * while that stripe's lock is held, so whoever holds the lock knows every staging directory of its
 * stripe is a leftover of a process that died (the lock is released only by completion, which
 * removes its staging, or by death). Leftovers are unmounted (only this driver's tmpfs, recognised
 * by {@link VolumeMarker#isOurs}) and removed; other stripes' leftovers are swept when their lock
 * is free.
 */
final class StagingArea {
  /** Sweeping other stripes is bounded per call: the caller's own mount comes first. */
  static final int MAX_SWEEP = 16;

  private final RunDir runDir;
  private final Mounter mounter;
  private final VolumeLocks locks;
  private final MountEvents events;
  private final SecureRandom random = new SecureRandom();

  StagingArea(RunDir runDir, Mounter mounter, VolumeLocks locks, MountEvents events) {
    this.runDir = runDir;
    this.mounter = mounter;
    this.locks = locks;
    this.events = events;
  }

  /** A fresh, empty, root-only staging directory of {@code held}'s stripe. */
  Path create(VolumeLocks.Held held) {
    byte[] id = new byte[8];
    random.nextBytes(id);
    Path dir = runDir.staging().resolve(held.stripe() + "." + HexFormat.of().formatHex(id));
    try {
      return Files.createDirectory(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new LocalWriteException("could not create the staging directory " + dir + ": " + e, e);
    }
  }

  /**
   * Removes the leftovers of {@code held}'s stripe, then those of up to {@link #MAX_SWEEP} other
   * stripes whose lock is free right now.
   */
  void cleanLeftovers(VolumeLocks.Held held) {
    List<Path> entries = list();
    int swept = 0;
    for (Path dir : entries) {
      String stripe = dir.getFileName().toString().split("\\.", 2)[0];
      if (stripe.equals(held.stripe())) {
        removeLeftover(dir);
      } else if (swept < MAX_SWEEP) {
        swept++;
        Optional<VolumeLocks.Held> other = locks.tryAcquireStripe(stripe);
        if (other.isPresent()) {
          try (VolumeLocks.Held h = other.get()) {
            removeLeftover(dir);
          }
        }
      }
    }
  }

  /**
   * Unmounts this driver's tmpfs layers at {@code dir} and removes it once empty; never throws (a
   * leftover that cannot be removed now is retried by a later call). True when it is gone.
   */
  boolean remove(Path dir) {
    try {
      Optional<MountTable.Entry> foreign =
          OwnLayers.unmount(mounter, dir, OwnLayers.Adoptions.NONE, () -> {}, () -> {});
      if (foreign.isPresent()) {
        events.warn("staging.foreign_mount", "dir", dir, "mount", foreign.get().describe());
        return false;
      }
      Files.delete(dir);
      return true;
    } catch (NoSuchFileException e) {
      return true;
    } catch (DirectoryNotEmptyException e) {
      events.warn("staging.not_empty", "dir", dir);
      return false;
    } catch (IOException | RuntimeException e) {
      events.warn("staging.cleanup_failed", "dir", dir, "cause", e.toString());
      return false;
    }
  }

  private void removeLeftover(Path dir) {
    if (remove(dir)) {
      events.info("staging.leftover_removed", "dir", dir);
    }
  }

  private List<Path> list() {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> entries =
        Files.newDirectoryStream(runDir.staging(), "[0-9a-f][0-9a-f][0-9a-f].*")) {
      entries.forEach(out::add);
    } catch (IOException e) {
      events.warn("staging.list_failed", "dir", runDir.root(), "cause", e.toString());
    }
    return out;
  }
}
