package io.kvflex.flexvolume;

import io.kvflex.engine.FailurePolicy;
import io.kvflex.engine.MountEngine;
import io.kvflex.engine.ObjectOutcome;
import io.kvflex.engine.Projection;
import io.kvflex.errors.LocalWriteException;
import io.kvflex.errors.RemoteException;
import io.kvflex.flexvolume.log.EventLog;
import io.kvflex.flexvolume.log.Redactor;
import io.kvflex.mount.LinkFreeDirs;
import io.kvflex.mount.ProjectionPaths;
import io.kvflex.mount.VolumeLifecycle;
import io.kvflex.mount.VolumeLifecycle.TargetState;
import io.kvflex.mount.VolumeLocks;
import io.kvflex.options.KubeletVolumePath;
import io.kvflex.options.MountRequest;
import io.kvflex.options.StoredOptions;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import io.kvflex.render.FileProjection;
import io.kvflex.rotation.RotationRecord;
import io.kvflex.rotation.VolumeRotation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code mount}: parse, take the volume's lock, and answer from what is already there when it
 * is this request's complete volume; otherwise fetch everything in parallel within the deadline,
 * render, and publish the files through {@link VolumeLifecycle} (complete or absent). On any
 * failure nothing is left mounted and the exception (from the {@code io.kvflex.errors} taxonomy)
 * names the object and the cause. Safe to call from several threads (the node agent).
 */
final class MountService {
  private final MountEngine engine;
  private final VolumeLifecycle lifecycle;
  private final VolumeRotation rotation;
  private final EventLog log;
  private final Clock clock;

  /** Without rotation (tests of the lifecycle alone). */
  MountService(MountEngine engine, VolumeLifecycle lifecycle, EventLog log, Clock clock) {
    this(engine, lifecycle, VolumeRotation.NONE, log, clock);
  }

  MountService(
      MountEngine engine,
      VolumeLifecycle lifecycle,
      VolumeRotation rotation,
      EventLog log,
      Clock clock) {
    this.engine = engine;
    this.lifecycle = lifecycle;
    this.rotation = rotation;
    this.log = log;
    this.clock = clock;
  }

  /** Mounts; returns normally on success (including "already complete"), throws otherwise. */
  void mount(Path dir, String optionsJson) {
    mount(dir, optionsJson, clock.instant());
  }

  /**
   * Mounts for a call that began at {@code start} (earlier than now when it waited for the node
   * agent): the volume's timeout counts from then, and a call whose deadline has already passed is
   * answered without contacting anything.
   */
  void mount(Path dir, String optionsJson, Instant start) {
    Redactor redactor = log.redactor();
    redactor.register(optionsJson);
    KubeletVolumePath volume = VolumeDirs.require(dir, "mount");
    MountEngine.ParsedMount parsed = engine.parse(optionsJson, dir);
    MountRequest request = parsed.request();
    for (String warning : parsed.warnings()) {
      log.warn("options.warning", "dir", dir, "warning", warning);
    }
    FileNameEncoding.check(request, FileNameEncoding.platform());
    log.info(
        "mount.start",
        "dir",
        dir,
        "vault",
        request.vaultName(),
        "cloud",
        request.cloud().name().optionValue(),
        "identity",
        request.identity().describe(),
        "objects",
        request.objects().size(),
        "pod",
        request.pod().namespace() + "/" + request.pod().name(),
        "timeout_s",
        request.timeout().toSeconds());
    Instant deadline = start.plus(request.timeout());
    if (!clock.instant().isBefore(deadline)) {
      throw new RemoteException(
          "the mount's deadline (option timeout, "
              + request.timeout().toSeconds()
              + "s) passed before it could start: the call waited "
              + Duration.between(start, clock.instant()).toSeconds()
              + "s for the node agent; the kubelet will retry the mount");
    }
    String fingerprint = VolumeFingerprint.of(request);
    boolean created = prepareDir(dir, volume);
    try (VolumeLocks.Held held = lifecycle.lock(volume.volumeKey(), deadline, dir.toString())) {
      if (alreadyComplete(held, dir, fingerprint)) {
        rotation.mounted(dir, request, Map.of(), false);
        return;
      }
      Projection projection = engine.project(request, deadline, FailurePolicy.FIRST_FAILURE);
      List<FileProjection> files = projection.files();
      ProjectionPaths.checkAll(files);
      TmpfsSpace.checkFits(files, request.tmpfsSizeBytes());
      try {
        lifecycle.publish(
            held,
            dir,
            files,
            request.tmpfsSizeBytes(),
            request.fsGroup(),
            fingerprint,
            markerNotes(request, optionsJson));
      } catch (RuntimeException e) {
        throw TmpfsSpace.explain(e, files, request.tmpfsSizeBytes());
      }
      rotation.mounted(dir, request, versions(projection), true);
      log.info(
          "mount.done",
          "dir",
          dir,
          "vault",
          request.vaultName(),
          "files",
          files.size(),
          "duration_ms",
          Duration.between(start, clock.instant()).toMillis());
    } catch (RuntimeException e) {
      if (created) {
        removeEmptyDir(dir);
      }
      throw e;
    }
  }

  /**
   * True when the target already holds this request's complete volume. A volume of this driver that
   * is incomplete or for other options is unmounted for a fresh mount (repair); anything else
   * mounted there (a volume adopted from an earlier driver included) is never mounted over nor
   * called done.
   */
  private boolean alreadyComplete(VolumeLocks.Held held, Path dir, String fingerprint) {
    TargetState state = lifecycle.inspect(dir);
    if (state instanceof TargetState.Foreign foreign) {
      throw VolumeLifecycle.foreign(dir, foreign.mount());
    }
    if (state instanceof TargetState.Adopted) {
      // No marker to verify it against this request, and never mounted over: see the refusal.
      throw VolumeLifecycle.adoptedRefusal(dir);
    }
    if (state instanceof TargetState.Ours ours) {
      Optional<String> problem = lifecycle.completeness(ours, dir, fingerprint);
      if (problem.isEmpty()) {
        log.info("mount.verified", "dir", dir, "reason", "already this request's complete volume");
        return true;
      }
      log.warn("mount.repair", "dir", dir, "reason", problem.get());
      lifecycle.unmountOurs(held, dir);
    }
    return false;
  }

  /** What a node agent needs to find a rotating volume again after a restart (never a secret). */
  private static List<String> markerNotes(MountRequest request, String optionsJson) {
    return request.rotates()
        ? RotationRecord.of(request, StoredOptions.withoutSecrets(optionsJson)).lines()
        : List.of();
  }

  private static Map<ObjectRef, String> versions(Projection projection) {
    Map<ObjectRef, String> versions = new HashMap<>();
    for (ObjectOutcome o : projection.outcomes()) {
      o.version().ifPresent(v -> versions.put(o.spec().ref(), v));
    }
    return versions;
  }

  /** The kubelet creates the directory (0750) before calling; created here only when missing. */
  private static boolean prepareDir(Path dir, KubeletVolumePath volume) {
    if (LinkFreeDirs.check(volume.podsDir(), volume.podDirs()) == LinkFreeDirs.State.PRESENT) {
      return false;
    }
    try {
      Files.createDirectories(dir.getParent());
      Files.createDirectory(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));
    } catch (IOException e) {
      throw new LocalWriteException("could not create the volume directory " + dir + ": " + e, e);
    }
    LinkFreeDirs.check(volume.podsDir(), volume.podDirs());
    return true;
  }

  private void removeEmptyDir(Path dir) {
    try {
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // Not empty or still a mount point: the kubelet removes the directory of a failed mount.
      log.info("mount.dir_kept", "dir", dir, "cause", e.toString());
    }
  }
}
