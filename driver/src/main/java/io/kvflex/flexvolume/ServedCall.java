package io.kvflex.flexvolume;

import io.kvflex.engine.MountEngine;
import io.kvflex.flexvolume.log.EventLog;
import io.kvflex.mount.AtomicProjectionWriter;
import io.kvflex.mount.CrashPoints;
import io.kvflex.mount.Mounter;
import io.kvflex.mount.RunDir;
import io.kvflex.mount.VolumeLifecycle;
import io.kvflex.mount.VolumeLocks;
import io.kvflex.rotation.VolumeRotation;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A kubelet call served by a long-lived process (the node agent) instead of the launcher's own JVM:
 * the same verbs, checks, messages and log events as {@link Main}, through the same {@code Driver}
 * dispatch. Only the world differs: the caller's log, the mounts done by whoever may, the engine
 * with the process's warm state, and the launcher's start as the call's start.
 */
public final class ServedCall {
  private ServedCall() {}

  /**
   * What the launcher prints and exits with.
   *
   * @param exitCode 0 (Success, Not supported) or 1 (Failure)
   * @param json the one JSON object for the kubelet, on one line
   */
  public record Answer(int exitCode, String json) {
    /** A Failure answer (the message is made single-line and bounded like every Failure). */
    public static Answer failure(String message) {
      DriverStatus status = DriverStatus.failure(message);
      return new Answer(status.exitCode(), status.toJson());
    }
  }

  /**
   * Runs one call.
   *
   * @param argv the kubelet's arguments, verb first (the options JSON itself, never {@code @stdin})
   * @param env the call's environment: the engine reads the proxy variables, the lifecycle the run
   *     directory ({@value RunDir#ENV}) and its test hook
   * @param mounter does the mount syscalls and reads the mount table
   * @param started when the launcher started: deadlines count from here
   * @param rotation hears of the call's mount or unmount, and answers {@code status}
   */
  public static Answer run(
      List<String> argv,
      Map<String, String> env,
      Clock clock,
      EventLog log,
      Mounter mounter,
      Supplier<MountEngine> engine,
      Instant started,
      VolumeRotation rotation) {
    RunDir runDir = RunDir.fromEnvironment(env);
    VolumeLifecycle volumes =
        new VolumeLifecycle(
            mounter,
            new AtomicProjectionWriter(),
            runDir,
            new VolumeLocks(runDir, clock),
            CrashPoints.fromEnvironment(env),
            DriverWorld.events(log));
    DriverStatus status =
        Driver.run(
            argv.toArray(String[]::new),
            new DriverWorld(env, clock, log, volumes, engine, rotation, started));
    return new Answer(status.exitCode(), status.toJson());
  }

  /** A verb as it may appear in a log line (bounded, plain characters). */
  public static String verbForLog(String verb) {
    return Driver.sanitizeVerb(verb);
  }
}
