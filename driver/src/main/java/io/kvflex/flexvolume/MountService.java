package io.kvflex.flexvolume;

import io.kvflex.engine.FailurePolicy;
import io.kvflex.engine.MountEngine;
import io.kvflex.errors.KvflexException;
import io.kvflex.errors.LocalWriteException;
import io.kvflex.flexvolume.log.EventLog;
import io.kvflex.flexvolume.log.Redactor;
import io.kvflex.mount.AtomicProjectionWriter;
import io.kvflex.mount.Mounter;
import io.kvflex.mount.ProjectionPaths;
import io.kvflex.options.MountRequest;
import io.kvflex.render.FileProjection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One {@code mount}: parse, fetch everything in parallel within the deadline, render, and only then
 * mount a tmpfs and write the files atomically. On any failure nothing is left mounted or written
 * and the exception (from the {@code io.kvflex.errors} taxonomy) names the object and the cause.
 */
final class MountService {
  private final MountEngine engine;
  private final Mounter mounter;
  private final AtomicProjectionWriter writer;
  private final EventLog log;
  private final Clock clock;

  MountService(
      MountEngine engine,
      Mounter mounter,
      AtomicProjectionWriter writer,
      EventLog log,
      Clock clock) {
    this.engine = engine;
    this.mounter = mounter;
    this.writer = writer;
    this.log = log;
    this.clock = clock;
  }

  /** Mounts; returns normally on success (including "already mounted"), throws otherwise. */
  void mount(Path dir, String optionsJson) {
    Instant start = clock.instant();
    Redactor redactor = log.redactor();
    redactor.register(optionsJson);
    if (mounter.isMountPoint(dir)) {
      log.info("mount.skipped", "dir", dir, "reason", "already a mount point");
      return;
    }
    MountEngine.ParsedMount parsed = engine.parse(optionsJson, dir);
    MountRequest request = parsed.request();
    for (String warning : parsed.warnings()) {
      log.warn("options.warning", "dir", dir, "warning", warning);
    }
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
    List<FileProjection> files =
        engine.project(request, deadline, FailurePolicy.FIRST_FAILURE).files();
    ProjectionPaths.checkAll(files);
    TmpfsSpace.checkFits(files, request.tmpfsSizeBytes());
    mountAndWrite(dir, request, files);
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
  }

  private void mountAndWrite(Path dir, MountRequest request, List<FileProjection> files) {
    boolean createdDir = false;
    if (!Files.isDirectory(dir)) {
      try {
        Files.createDirectories(dir);
        createdDir = true;
      } catch (IOException e) {
        throw new LocalWriteException("could not create the volume directory " + dir + ": " + e, e);
      }
    }
    try {
      mounter.mountTmpfs(dir, request.tmpfsSizeBytes());
    } catch (RuntimeException e) {
      removeDir(dir, createdDir);
      throw e;
    }
    try {
      writer.write(dir, files, request.fsGroup());
    } catch (RuntimeException | Error e) {
      // Errors too (out of memory): a tmpfs left mounted half-written would pass for complete.
      try {
        mounter.unmount(dir);
      } catch (KvflexException u) {
        log.error("mount.cleanup_failed", "dir", dir, "cause", u.getMessage());
      }
      removeDir(dir, createdDir);
      if (e instanceof RuntimeException r) {
        throw TmpfsSpace.explain(r, files, request.tmpfsSizeBytes());
      }
      throw e;
    }
  }

  private static void removeDir(Path dir, boolean created) {
    if (created) {
      try {
        Files.deleteIfExists(dir);
      } catch (IOException e) {
        // The kubelet removes the directory of a failed mount as well.
      }
    }
  }
}
