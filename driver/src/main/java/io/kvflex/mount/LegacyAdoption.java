package io.kvflex.mount;

import io.kvflex.errors.UserInputException;
import io.kvflex.options.KubeletVolumePath;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The installer's adoption run ({@code kv adopt-legacy <mount table>}), made before it switches the
 * kubelet to this driver: every mount with the legacy driver's signature ({@link
 * AdoptionRecord#qualifies}) in ONE reading of the node's mount table gets a record, so that this
 * driver's {@code unmount} may later remove exactly that mount. Nothing is unmounted, no file of
 * any volume is read, and a mount that appears after that reading is never adopted.
 *
 * <p>Under the node-wide adoption lock (two installers never interleave), each record is written
 * under its volume's lock after checking, in a fresh reading, that the mount is still there (an
 * unmount of that volume, which deletes records under the same lock, cannot leave a record of a
 * mount that is gone). Records whose mount is no longer in the table are deleted, and so are the
 * temporary files of a run that was killed.
 */
public final class LegacyAdoption {
  /** The node-wide lock of adoption runs ({@code <run dir>/locks/adoption.lock}). */
  static final String LOCK = "adoption";

  private final AdoptedVolumes records;
  private final VolumeLocks locks;
  private final MountEvents events;

  public LegacyAdoption(AdoptedVolumes records, VolumeLocks locks, MountEvents events) {
    this.records = records;
    this.locks = locks;
    this.events = events;
  }

  /**
   * What one run did.
   *
   * @param adopted the mount points recorded by this run
   * @param kept mounts that were already recorded (an earlier run)
   * @param pruned records deleted because their mount is gone
   */
  public record Result(List<String> adopted, int kept, int pruned) {
    public Result {
      adopted = List.copyOf(adopted);
    }
  }

  /**
   * Records every legacy volume in {@code table} (the kubelet's mount namespace as this process can
   * read it), waiting for locks until {@code deadline}.
   *
   * @param now the adoption time written into new records
   * @throws UserInputException when {@code table} cannot be read or is not a mount table
   */
  public Result run(MountTable table, Instant now, Instant deadline) {
    try (VolumeLocks.Held lock = locks.acquireNamed(LOCK, deadline, "adoption of legacy volumes")) {
      int temps = records.removeTemps();
      if (temps > 0) {
        events.info("adopt.temp_removed", "files", temps);
      }
      List<MountTable.Entry> snapshot = read(table);
      List<String> adopted = new ArrayList<>();
      int kept = 0;
      for (MountTable.Entry mount : snapshot) {
        Optional<KubeletVolumePath> volume = AdoptionRecord.qualifies(mount);
        if (volume.isEmpty()) {
          skipIfKubeletShaped(mount);
          continue;
        }
        switch (adopt(table, mount, volume.get(), now, deadline)) {
          case RECORDED -> adopted.add(mount.mountPoint());
          case KEPT -> kept++;
          case GONE -> {}
        }
      }
      int pruned = prune(table, deadline);
      return new Result(adopted, kept, pruned);
    }
  }

  private enum Outcome {
    RECORDED,
    KEPT,
    GONE
  }

  private Outcome adopt(
      MountTable table,
      MountTable.Entry mount,
      KubeletVolumePath volume,
      Instant now,
      Instant deadline) {
    try (VolumeLocks.Held held = locks.acquire(volume.volumeKey(), deadline, mount.mountPoint())) {
      if (read(table).stream().noneMatch(e -> sameMount(e, mount))) {
        events.info("adopt.skipped", "dir", mount.mountPoint(), "reason", "unmounted meanwhile");
        return Outcome.GONE;
      }
      if (records.find(mount, volume).isPresent()) {
        events.info("adopt.kept", "dir", mount.mountPoint(), "mount_id", mount.id());
        return Outcome.KEPT;
      }
      held.ensureValid();
      records.write(AdoptionRecord.of(mount, now));
      events.info(
          "adopt.recorded",
          "dir",
          mount.mountPoint(),
          "mount_id",
          mount.id(),
          "device",
          mount.device(),
          "mount",
          mount.describe());
      return Outcome.RECORDED;
    }
  }

  /** Deletes the records whose mount is no longer in the table, each under its volume's lock. */
  private int prune(MountTable table, Instant deadline) {
    int pruned = 0;
    for (AdoptionRecord record : records.all()) {
      if (read(table).stream().anyMatch(record::sameMount)) {
        continue;
      }
      try (VolumeLocks.Held held =
          locks.acquire(record.volumeKey(), deadline, record.mountPoint())) {
        if (read(table).stream().noneMatch(record::sameMount) && records.delete(record)) {
          pruned++;
          events.info(
              "adopt.pruned",
              "dir",
              record.mountPoint(),
              "mount_id",
              record.mountId(),
              "reason",
              "no longer mounted");
        }
      }
    }
    return pruned;
  }

  /** A kubelet volume directory whose mount is not the legacy driver's is named in the log. */
  private void skipIfKubeletShaped(MountTable.Entry mount) {
    if (VolumeMarker.isOurs(mount)) {
      return;
    }
    try {
      if (KubeletVolumePath.parse(Path.of(mount.mountPoint())).isPresent()) {
        events.info(
            "adopt.skipped",
            "dir",
            mount.mountPoint(),
            "mount",
            mount.describe(),
            "reason",
            "not the legacy driver's signature (a tmpfs named \""
                + AdoptionRecord.LEGACY_SOURCE
                + "\" mounted from its root)");
      }
    } catch (java.nio.file.InvalidPathException e) {
      // not a path the kubelet could have passed
    }
  }

  private static boolean sameMount(MountTable.Entry a, MountTable.Entry b) {
    return a.id() == b.id()
        && a.device().equals(b.device())
        && a.mountPoint().equals(b.mountPoint())
        && a.source().equals(b.source());
  }

  private static List<MountTable.Entry> read(MountTable table) {
    List<MountTable.Entry> entries;
    try {
      entries = table.entries();
    } catch (IOException e) {
      throw new UserInputException(
          "cannot read the mount table "
              + table.file()
              + " ("
              + e
              + "); give the mount table of the kubelet's mount namespace, e.g. /proc/1/mountinfo"
              + " (the installer reads the node's as /host/proc/1/mountinfo)",
          e);
    }
    if (entries.isEmpty()) {
      throw new UserInputException(
          table.file()
              + " is not a mount table: no line reads as one of /proc/<pid>/mountinfo; give the"
              + " mount table of the kubelet's mount namespace, e.g. /proc/1/mountinfo");
    }
    return entries;
  }
}
