package io.kvflex.mount;

import io.kvflex.options.KubeletVolumePath;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The layers adopted from an earlier driver at one kubelet volume directory, as the lifecycle sees
 * them under the volume's lock: which layer is adopted (its exact mount has a record), what happens
 * once one is unmounted (its record is deleted, {@code unmount.adopted} is logged), and the pruning
 * of records whose mount is gone.
 */
final class AdoptedLayers {
  private final AdoptedVolumes records;
  private final Mounter mounter;
  private final CrashPoints crash;
  private final MountEvents events;

  AdoptedLayers(AdoptedVolumes records, Mounter mounter, CrashPoints crash, MountEvents events) {
    this.records = records;
    this.mounter = mounter;
    this.crash = crash;
    this.events = events;
  }

  /** The adopted layers of the volume at {@code target} (none when it is not a kubelet one). */
  OwnLayers.Adoptions at(Path target) {
    Optional<KubeletVolumePath> volume = KubeletVolumePath.parse(target);
    if (volume.isEmpty()) {
      return OwnLayers.Adoptions.NONE;
    }
    return new OwnLayers.Adoptions() {
      @Override
      public Optional<AdoptionRecord> of(MountTable.Entry layer) {
        return records.find(layer, volume.get());
      }

      @Override
      public void unmounted(AdoptionRecord record) {
        // A kill here leaves the record of a mount that is gone: the kubelet's retry prunes it.
        crash.reached(CrashPoints.Step.ADOPTED_UNMOUNTED);
        records.delete(record);
        events.info(
            "unmount.adopted",
            "dir",
            target,
            "mount_id",
            record.mountId(),
            "device",
            record.device(),
            "source",
            record.source(),
            "adopted_at",
            record.adoptedAt());
      }
    };
  }

  /**
   * Deletes the records of the volume at {@code target} whose mount is no longer there (its unmount
   * was killed before deleting it, or it was unmounted by hand): the kernel reuses mount IDs and
   * device numbers, so a record must not outlive its mount. Called under the lock.
   */
  void prune(Path target) {
    Optional<KubeletVolumePath> volume = KubeletVolumePath.parse(target);
    if (volume.isEmpty()) {
      return;
    }
    List<AdoptionRecord> ofVolume = records.ofVolume(volume.get());
    if (ofVolume.isEmpty()) {
      return;
    }
    List<MountTable.Entry> stack = mounter.stackAt(target);
    for (AdoptionRecord record : ofVolume) {
      if (stack.stream().noneMatch(record::sameMount) && records.delete(record)) {
        events.info(
            "adoption.pruned",
            "dir",
            target,
            "mount_id",
            record.mountId(),
            "reason",
            "no longer mounted");
      }
    }
  }
}
