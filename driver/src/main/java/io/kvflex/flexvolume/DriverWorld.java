package io.kvflex.flexvolume;

import io.kvflex.engine.MountEngine;
import io.kvflex.flexvolume.log.EventLog;
import io.kvflex.mount.AtomicProjectionWriter;
import io.kvflex.mount.CrashPoints;
import io.kvflex.mount.MountEvents;
import io.kvflex.mount.RunDir;
import io.kvflex.mount.SystemMounter;
import io.kvflex.mount.VolumeLifecycle;
import io.kvflex.mount.VolumeLocks;
import io.kvflex.rotation.VolumeRotation;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Everything the driver touches outside the JVM, injected: the environment, the clock, the log, the
 * host side of volumes (mount table, run directory, locks) and the engine. The engine is a supplier
 * so {@code init} and {@code unmount} never load the Azure SDK (faster start, fewer failure modes).
 * One {@link VolumeLifecycle} per process: its in-process locks serialise the process's threads.
 * {@code rotation} hears of every mount and unmount (the node agent polls rotating volumes).
 *
 * @param started when the kubelet's call began: now for the in-process driver; the launcher's start
 *     for a call the node agent serves, so time spent waiting for the agent counts against the
 *     mount's deadline
 */
record DriverWorld(
    Map<String, String> env,
    Clock clock,
    EventLog log,
    VolumeLifecycle volumes,
    Supplier<MountEngine> engine,
    VolumeRotation rotation,
    Instant started) {

  public DriverWorld {
    env = Map.copyOf(env);
    Objects.requireNonNull(clock);
    Objects.requireNonNull(log);
    Objects.requireNonNull(volumes);
    Objects.requireNonNull(engine);
    Objects.requireNonNull(rotation);
    Objects.requireNonNull(started);
  }

  /** A call that starts now, without rotation (nothing is polled; {@code status} lists nothing). */
  DriverWorld(
      Map<String, String> env,
      Clock clock,
      EventLog log,
      VolumeLifecycle volumes,
      Supplier<MountEngine> engine) {
    this(env, clock, log, volumes, engine, VolumeRotation.NONE, clock.instant());
  }

  /** A call that starts now, telling {@code rotation} of its mounts and unmounts. */
  DriverWorld(
      Map<String, String> env,
      Clock clock,
      EventLog log,
      VolumeLifecycle volumes,
      Supplier<MountEngine> engine,
      VolumeRotation rotation) {
    this(env, clock, log, volumes, engine, rotation, clock.instant());
  }

  /**
   * The node's world: this host's mount tools and mount table, the run directory of {@code env}
   * ({@value RunDir#ENV}), its locks, and the crash-point test hook ({@value CrashPoints#ENV},
   * inert unless set).
   */
  static DriverWorld host(
      Map<String, String> env, Clock clock, EventLog log, Supplier<MountEngine> engine) {
    RunDir runDir = RunDir.fromEnvironment(env);
    VolumeLifecycle volumes =
        new VolumeLifecycle(
            SystemMounter.host(),
            new AtomicProjectionWriter(),
            runDir,
            new VolumeLocks(runDir, clock),
            CrashPoints.fromEnvironment(env),
            events(log));
    // In-process, nothing polls: status lists the rotating volumes a node agent would poll.
    return new DriverWorld(
        env,
        clock,
        log,
        volumes,
        engine,
        VolumeRotation.withoutAgent(MarkedVolumes.host()),
        clock.instant());
  }

  /** The lifecycle's cleanup and repair notes, as log events. */
  static MountEvents events(EventLog log) {
    return new MountEvents() {
      @Override
      public void info(String event, Object... fields) {
        log.info(event, fields);
      }

      @Override
      public void warn(String event, Object... fields) {
        log.warn(event, fields);
      }
    };
  }
}
