package io.kvflex.rotation;

import io.kvflex.engine.FailurePolicy;
import io.kvflex.engine.MountEngine;
import io.kvflex.engine.ObjectOutcome;
import io.kvflex.engine.Projection;
import io.kvflex.errors.BugException;
import io.kvflex.errors.KvflexException;
import io.kvflex.errors.LocalWriteException;
import io.kvflex.flexvolume.log.EventLog;
import io.kvflex.mount.AtomicProjectionWriter;
import io.kvflex.options.MountRequest;
import io.kvflex.options.VaultObjectSpec;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import io.kvflex.render.FileProjection;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;

/**
 * The refresh of one volume: the objects not pinned are fetched and rendered by the one engine (the
 * same parse-free {@code project} a mount runs, within the volume's {@code timeout}); the pinned
 * objects' files are taken as they are mounted (a pinned version never changes, so it is never
 * fetched again); the result is compared byte for byte with the mounted files, and only when one
 * differs is the whole set written anew and switched in through {@code ..data}, under the volume's
 * lock, after checking that the volume is still polled and still mounted.
 */
final class FetchAndSwap implements VolumeRefresh {
  private final BiFunction<Map<String, String>, EventLog, MountEngine> engines;
  private final VolumeGuard guard;
  private final AtomicProjectionWriter writer;
  private final Clock clock;

  /**
   * @param engines the engine for one refresh, in the volume's call environment (its {@link
   *     RotatingVolume#callEnv()}, empty for the agent's own), over the log it is given: a quiet
   *     one per refresh, whose redactor learns the values that refresh fetches and goes with it,
   *     and which keeps the engine's per-object events out of the driver log (a poll's outcome is
   *     logged once, by the scheduler: one line per rotation or per failure streak)
   */
  FetchAndSwap(
      BiFunction<Map<String, String>, EventLog, MountEngine> engines,
      VolumeGuard guard,
      AtomicProjectionWriter writer,
      Clock clock) {
    this.engines = engines;
    this.guard = guard;
    this.writer = writer;
    this.clock = clock;
  }

  @Override
  public RefreshOutcome refresh(
      RotatingVolume volume, Map<ObjectRef, String> known, BooleanSupplier active) {
    try {
      return refreshOrThrow(volume, known, active);
    } catch (KvflexException e) {
      return new RefreshOutcome.Failed(e);
    } catch (RuntimeException e) {
      return new RefreshOutcome.Failed(
          new BugException(
              "rotation of "
                  + volume.dir()
                  + " failed unexpectedly ("
                  + e.getClass().getSimpleName()
                  + "); this is a kvflex defect, the details are in the driver log",
              e));
    }
  }

  private RefreshOutcome refreshOrThrow(
      RotatingVolume volume, Map<ObjectRef, String> known, BooleanSupplier active) {
    Optional<String> gone = guard.whyGone(volume);
    if (gone.isPresent()) {
      return new RefreshOutcome.Gone(gone.get());
    }
    MountRequest request = volume.request();
    Instant deadline = clock.instant().plus(request.timeout());
    List<VaultObjectSpec> polled =
        request.objects().stream().filter(o -> o.version().isEmpty()).toList();
    Projection fetched =
        engines
            .apply(volume.callEnv(), EventLog.discarding())
            .project(request.withObjects(polled), deadline, FailurePolicy.FIRST_FAILURE);
    Map<ObjectRef, String> versions = new LinkedHashMap<>();
    Map<VaultObjectSpec, FileProjection> rendered = new LinkedHashMap<>();
    for (ObjectOutcome o : fetched.outcomes()) {
      versions.put(o.spec().ref(), o.version().orElseThrow());
      rendered.put(o.spec(), o.file().orElseThrow());
    }
    Map<String, byte[]> mounted = MountedFiles.read(volume.dir(), request.tmpfsSizeBytes());
    List<FileProjection> files = new ArrayList<>();
    for (VaultObjectSpec spec : request.objects()) {
      files.add(spec.version().isPresent() ? kept(spec, mounted, request) : rendered.get(spec));
    }
    List<VersionChange> changes = changes(request, versions, known, files, mounted);
    if (changes.isEmpty() && mounted.size() == files.size()) {
      return new RefreshOutcome.Unchanged(versions);
    }
    try (VolumeGuard.Held held = guard.lock(volume, deadline)) {
      if (!active.getAsBoolean()) {
        return new RefreshOutcome.Gone("stopped while it was being polled");
      }
      gone = guard.whyGone(volume);
      if (gone.isPresent()) {
        return new RefreshOutcome.Gone(gone.get());
      }
      replace(volume, files);
    }
    return new RefreshOutcome.Rotated(versions, changes, files.size());
  }

  /** Swaps the files in; a full tmpfs is named with the fix (a swap holds two sets at once). */
  private void replace(RotatingVolume volume, List<FileProjection> files) {
    try {
      writer.replace(volume.dir(), files, volume.request().fsGroup());
    } catch (LocalWriteException e) {
      if (String.valueOf(e.getMessage()).contains("No space left on device")) {
        long bytes = files.stream().mapToLong(FileProjection::size).sum();
        throw new LocalWriteException(
            e.getMessage()
                + "; while it swaps, the volume holds the old and the new files ("
                + bytes
                + " bytes each time): raise tmpfssize to at least twice that",
            e);
      }
      throw e;
    }
  }

  /** A pinned object's file as it is mounted: never fetched again. */
  private static FileProjection kept(
      VaultObjectSpec spec, Map<String, byte[]> mounted, MountRequest request) {
    byte[] bytes = mounted.get(spec.fileName());
    if (bytes == null) {
      throw new LocalWriteException(
          "file "
              + spec.fileName()
              + " of pinned "
              + spec.ref().describe()
              + " is missing from the mounted volume; the volume was changed by someone else");
    }
    return new FileProjection(
        spec.fileName(),
        bytes,
        request.fileMode(),
        spec.ref().describe() + " as " + spec.format().optionValue() + " (pinned, kept)");
  }

  /** The polled objects whose files differ from the mounted ones, with their versions. */
  private static List<VersionChange> changes(
      MountRequest request,
      Map<ObjectRef, String> versions,
      Map<ObjectRef, String> known,
      List<FileProjection> files,
      Map<String, byte[]> mounted) {
    Map<String, FileProjection> byPath = new LinkedHashMap<>();
    files.forEach(f -> byPath.put(f.relativePath(), f));
    Map<ObjectRef, List<String>> changed = new LinkedHashMap<>();
    for (VaultObjectSpec spec : request.objects()) {
      byte[] now = mounted.get(spec.fileName());
      if (spec.version().isEmpty()
          && (now == null || !MessageDigest.isEqual(now, byPath.get(spec.fileName()).bytes()))) {
        changed.computeIfAbsent(spec.ref(), r -> new ArrayList<>()).add(spec.fileName());
      }
    }
    List<VersionChange> out = new ArrayList<>();
    changed.forEach(
        (ref, paths) ->
            out.add(
                new VersionChange(
                    ref, Optional.ofNullable(known.get(ref)), versions.get(ref), paths)));
    return out;
  }
}
