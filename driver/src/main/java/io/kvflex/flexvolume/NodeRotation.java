package io.kvflex.flexvolume;

import io.kvflex.engine.MountEngine;
import io.kvflex.flexvolume.log.EventLog;
import io.kvflex.mount.AtomicProjectionWriter;
import io.kvflex.mount.CrashPoints;
import io.kvflex.mount.MountTable;
import io.kvflex.mount.Mounter;
import io.kvflex.mount.RunDir;
import io.kvflex.mount.VolumeLifecycle;
import io.kvflex.mount.VolumeLocks;
import io.kvflex.rotation.AgentRotation;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Rotation as the node agent runs it, over this node's volumes: the lifecycle's view of a volume
 * and its host lock ({@link LifecycleGuard}, the lock mount and unmount take, in the run directory
 * of {@code env}), the driver's volumes from the agent's own mount table ({@link MarkedVolumes}),
 * and the engine's parse of a kept record for volumes found again after a restart.
 */
public final class NodeRotation {
  /** Polls running at once over all volumes (each poll fetches its objects in parallel itself). */
  static final int PARALLEL_POLLS = 2;

  /** How often rotating volumes that nobody polls are looked for (mounted in-process). */
  static final Duration RESCAN_EVERY = Duration.ofSeconds(30);

  private NodeRotation() {}

  /**
   * Starts rotation: a first scan at once resumes the rotating volumes the node holds.
   *
   * @param env the agent's environment: its run directory, and the world of polls of volumes found
   *     again after a restart
   * @param local reads the mount table (rotation mounts and unmounts nothing)
   * @param engines the engine of one poll, with the agent's warm tokens and connections, in a
   *     volume's call environment (an empty map: the agent's own) over the poll's log
   * @param mountInfo the mount table the agent sees ({@code /proc/self/mountinfo})
   */
  public static AgentRotation start(
      Map<String, String> env,
      Clock clock,
      EventLog log,
      Mounter local,
      BiFunction<Map<String, String>, EventLog, MountEngine> engines,
      Path mountInfo,
      long pid) {
    RunDir runDir = RunDir.fromEnvironment(env);
    VolumeLocks locks = new VolumeLocks(runDir, clock);
    VolumeLifecycle lifecycle =
        new VolumeLifecycle(
            local,
            new AtomicProjectionWriter(),
            runDir,
            locks,
            CrashPoints.NONE,
            DriverWorld.events(log));
    return AgentRotation.start(
        new AgentRotation.Wiring(
            clock,
            log,
            engines,
            (json, dir) ->
                engines.apply(Map.of(), EventLog.discarding()).parse(json, dir).request(),
            new LifecycleGuard(lifecycle, locks),
            new MarkedVolumes(new MountTable(mountInfo)),
            new AtomicProjectionWriter(),
            PARALLEL_POLLS,
            RESCAN_EVERY,
            pid));
  }
}
