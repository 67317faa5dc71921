package io.kvflex.mount;

import io.kvflex.errors.LocalWriteException;
import io.kvflex.render.FileProjection;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A volume is either complete or not a mount point at all, and the driver touches only its own
 * volumes. The host-side steps of a mount and an unmount, all under the volume's lock:
 *
 * <ol>
 *   <li>{@link #lock}: the host lock of the volume ({@link VolumeLocks}), then leftovers of dead
 *       processes are cleaned ({@link StagingArea});
 *   <li>{@link #inspect}: what is mounted at the target: nothing, this driver's volumes, or
 *       something else (which the driver never mounts over, never unmounts and never calls done);
 *   <li>{@link #publish}: a tmpfs is mounted at a private staging directory, every file, {@code
 *       ..data} and the marker are written there, and only then is it bound onto the target (one
 *       atomic mount call; {@code mount --move} is refused when the staging mount sits under a
 *       shared mount, as {@code /run} usually does), and the staging mount is dropped;
 *   <li>{@link #unmountOurs}: every layer of this driver's tmpfs at the target, top first, and
 *       every layer adopted from an earlier driver at an upgrade ({@link LegacyAdoption}: the exact
 *       mount, recorded before the upgrade); a foreign layer stops it with a failure.
 * </ol>
 *
 * Thread-safe: one instance serves every call of a process (the node agent's threads too).
 */
public final class VolumeLifecycle {
  private final Mounter mounter;
  private final AtomicProjectionWriter writer;
  private final VolumeLocks locks;
  private final CrashPoints crash;
  private final StagingArea staging;
  private final AdoptedLayers adopted;
  private final LegacyAdoption adoption;

  public VolumeLifecycle(
      Mounter mounter,
      AtomicProjectionWriter writer,
      RunDir runDir,
      VolumeLocks locks,
      CrashPoints crash,
      MountEvents events) {
    this.mounter = mounter;
    this.writer = writer;
    this.locks = locks;
    this.crash = crash;
    this.staging = new StagingArea(runDir, mounter, locks, events);
    AdoptedVolumes records = new AdoptedVolumes(runDir, crash, events);
    this.adopted = new AdoptedLayers(records, mounter, crash, events);
    this.adoption = new LegacyAdoption(records, locks, events);
  }

  /** What is mounted at a target. */
  public sealed interface TargetState {
    /** Not a mount point. */
    record NotMounted() implements TargetState {}

    /** Only this driver's volumes, bottom first (more than one is a leftover of old stacking). */
    record Ours(List<MountTable.Entry> layers) implements TargetState {}

    /**
     * This driver's volumes and layers adopted from an earlier driver at an upgrade (at least one),
     * bottom first: {@code unmount} removes them; {@code mount} never takes them for done.
     */
    record Adopted(List<MountTable.Entry> layers) implements TargetState {}

    /** At least one layer that is neither this driver's nor adopted. */
    record Foreign(MountTable.Entry mount) implements TargetState {}
  }

  /**
   * Takes the lock of the volume {@code key} (waiting until {@code deadline}) and cleans leftovers.
   *
   * @param what the volume directory, for messages
   */
  public VolumeLocks.Held lock(String key, Instant deadline, String what) {
    VolumeLocks.Held held = locks.acquire(key, deadline, what);
    try {
      crash.reached(CrashPoints.Step.LOCKED);
      staging.cleanLeftovers(held);
      return held;
    } catch (RuntimeException e) {
      held.close();
      throw e;
    }
  }

  public TargetState inspect(Path target) {
    List<MountTable.Entry> stack = mounter.stackAt(target);
    if (stack.isEmpty()) {
      return new TargetState.NotMounted();
    }
    OwnLayers.Adoptions adoptions = adopted.at(target);
    boolean anyAdopted = false;
    for (MountTable.Entry layer : stack) {
      if (VolumeMarker.isOurs(layer)) {
        continue;
      }
      if (adoptions.of(layer).isEmpty()) {
        return new TargetState.Foreign(layer);
      }
      anyAdopted = true;
    }
    return anyAdopted ? new TargetState.Adopted(stack) : new TargetState.Ours(stack);
  }

  /**
   * Why the volume at {@code target} (one of ours) is not the complete one for {@code fingerprint};
   * empty when it is.
   */
  public Optional<String> completeness(TargetState.Ours state, Path target, String fingerprint) {
    if (state.layers().size() > 1) {
      return Optional.of(state.layers().size() + " volumes are stacked on it");
    }
    if (!state.layers().get(0).source().equals(VolumeMarker.source(fingerprint))) {
      return Optional.of("it was mounted for different volume options");
    }
    return VolumeMarker.problem(target, fingerprint);
  }

  /**
   * Prepares the files in a private tmpfs and binds it onto {@code target}, which must not be a
   * mount point. On failure before the bind nothing is left; after the bind the volume is complete
   * even if dropping the staging mount fails (a later call removes it).
   */
  public void publish(
      VolumeLocks.Held held,
      Path target,
      List<FileProjection> files,
      long sizeBytes,
      OptionalInt fsGroup,
      String fingerprint) {
    publish(held, target, files, sizeBytes, fsGroup, fingerprint, List.of());
  }

  /**
   * {@link #publish(VolumeLocks.Held, Path, List, long, OptionalInt, String)} with {@code
   * markerNotes}: lines the marker carries for whoever finds the volume later (never a secret).
   */
  public void publish(
      VolumeLocks.Held held,
      Path target,
      List<FileProjection> files,
      long sizeBytes,
      OptionalInt fsGroup,
      String fingerprint,
      List<String> markerNotes) {
    held.ensureValid();
    adopted.prune(target);
    Path dir = staging.create(held);
    String source = VolumeMarker.source(fingerprint);
    try {
      mounter.mountTmpfs(dir, source, sizeBytes);
      crash.reached(CrashPoints.Step.STAGING_MOUNTED);
      List<MountTable.Entry> stack = mounter.stackAt(dir);
      if (stack.isEmpty() || !stack.get(stack.size() - 1).source().equals(source)) {
        // Never write a secret into the run directory itself.
        throw new LocalWriteException(
            "mount reported success but no tmpfs is mounted at the staging directory " + dir);
      }
      writer.write(dir, files, fsGroup, n -> crash.reached(CrashPoints.Step.fileWritten(n)));
      VolumeMarker.write(
          dir, fingerprint, files.stream().map(FileProjection::relativePath).toList(), markerNotes);
      crash.reached(CrashPoints.Step.MARKER_WRITTEN);
      held.ensureValid();
      mounter.bind(dir, target);
      crash.reached(CrashPoints.Step.BOUND);
    } catch (RuntimeException | Error e) {
      // Errors too (out of memory while writing): no staging tmpfs is left behind.
      staging.remove(dir);
      throw e;
    }
    if (staging.remove(dir)) {
      crash.reached(CrashPoints.Step.STAGING_UNMOUNTED);
    }
    TargetState after = inspect(target);
    if (!(after instanceof TargetState.Ours ours) || ours.layers().size() != 1) {
      throw new LocalWriteException(
          "the volume was bound onto " + target + " but the mount table does not show it there");
    }
  }

  /**
   * Unmounts every layer of this driver's volumes at {@code target}, and every layer adopted from
   * an earlier driver (deleting its record), top first.
   *
   * @throws LocalWriteException when a layer that is neither is (or remains) mounted
   */
  public void unmountOurs(VolumeLocks.Held held, Path target) {
    Optional<MountTable.Entry> foreign =
        OwnLayers.unmount(
            mounter,
            target,
            adopted.at(target),
            held::ensureValid,
            () -> crash.reached(CrashPoints.Step.LAYER_UNMOUNTED));
    adopted.prune(target);
    if (foreign.isPresent()) {
      throw foreign(target, foreign.get());
    }
  }

  /**
   * Records every legacy volume of {@code table} for a later unmount (the installer's {@code kv
   * adopt-legacy}); see {@link LegacyAdoption}.
   */
  public LegacyAdoption.Result adoptLegacy(MountTable table, Instant now, Instant deadline) {
    return adoption.run(table, now, deadline);
  }

  /**
   * The failure of a {@code mount} at {@code target} that holds a volume adopted from an earlier
   * driver: it has no marker, so it cannot be verified for a request, and it is never mounted over.
   */
  public static LocalWriteException adoptedRefusal(Path target) {
    return new LocalWriteException(
        target
            + " holds a volume an earlier driver mounted (the legacy driver, or kvflex before the"
            + " volume marker), adopted when kvflex was installed: kvflex cannot verify its files"
            + " for this request and never mounts over it; delete or restart the pod: the"
            + " kubelet's unmount removes it and the pod's next volume is a kvflex one");
  }

  /** The failure for a mount at {@code target} that is neither this driver's nor adopted. */
  public static LocalWriteException foreign(Path target, MountTable.Entry mount) {
    String legacy =
        AdoptionRecord.qualifies(mount).isPresent()
            ? "; the legacy driver and kvflex releases before the volume marker mounted volumes"
                + " like this one, and the installer adopts those mounted when it installs kvflex"
                + " (kv adopt-legacy); this one was not adopted (mounted after that, or the"
                + " adoption did not run): if it is such a volume, unmount it by hand (umount "
                + target
                + ") and the kubelet finishes"
            : "";
    return new LocalWriteException(
        target
            + " has a mount that is not a kvflex volume ("
            + mount.describe()
            + "); the driver never mounts over, unmounts or reports as ready a mount it did not"
            + " make: find out who mounted it (findmnt "
            + target
            + ") and unmount it"
            + legacy);
  }
}
