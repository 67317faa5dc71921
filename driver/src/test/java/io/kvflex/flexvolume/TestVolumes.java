package io.kvflex.flexvolume;

import io.kvflex.flexvolume.log.EventLog;
import io.kvflex.mount.AtomicProjectionWriter;
import io.kvflex.mount.CrashPoints;
import io.kvflex.mount.LegacyAdoption;
import io.kvflex.mount.MountTable;
import io.kvflex.mount.RunDir;
import io.kvflex.mount.VolumeLifecycle;
import io.kvflex.mount.VolumeLocks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * The host side of driver unit tests: a kubelet root and a run directory under a temp dir, and a
 * {@link FakeMounter}, so the whole lifecycle runs without root.
 */
final class TestVolumes {
  final Path root;
  final RunDir runDir;
  final FakeMounter mounter = new FakeMounter();

  TestVolumes(Path tmp) {
    this.root = tmp;
    this.runDir = new RunDir(tmp.resolve("run"));
    mounter.base = tmp;
  }

  VolumeLifecycle lifecycle(EventLog log) {
    return lifecycle(new AtomicProjectionWriter(), CrashPoints.NONE, log);
  }

  VolumeLifecycle lifecycle(AtomicProjectionWriter writer, CrashPoints crash, EventLog log) {
    return new VolumeLifecycle(
        mounter,
        writer,
        runDir,
        new VolumeLocks(runDir, Clock.systemUTC()),
        crash,
        DriverWorld.events(log));
  }

  /** The installer's adoption run over the fake mount table, as it is now. */
  LegacyAdoption.Result adopt(VolumeLifecycle lifecycle) {
    Path table = mounter.writeMountInfo(root.resolve("mountinfo"));
    Instant now = Instant.now();
    return lifecycle.adoptLegacy(new MountTable(table), now, now.plusSeconds(60));
  }

  /** The adoption records left in the run directory. */
  long adoptionRecords() {
    Path adopted = runDir.root().resolve("adopted");
    if (!Files.isDirectory(adopted)) {
      return 0;
    }
    try (var s = Files.list(adopted)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".adopted")).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The kubelet's directory for volume {@code name} of pod {@code uid} (not created). */
  Path volumeDir(String uid, String name) {
    return root.resolve("kubelet/pods/" + uid + "/volumes/azure~kv/" + name);
  }

  /** As the kubelet does before calling mount: the directory exists. */
  Path createdVolumeDir(String uid, String name) {
    try {
      return Files.createDirectories(volumeDir(uid, name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Staging directories left in the run directory. */
  long stagingLeft() {
    Path staging = runDir.root().resolve("staging");
    if (!Files.isDirectory(staging)) {
      return 0;
    }
    try (var s = Files.list(staging)) {
      return s.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
