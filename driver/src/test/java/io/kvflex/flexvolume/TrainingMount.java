package io.kvflex.flexvolume;

import io.kvflex.engine.EngineWorld;
import io.kvflex.engine.MountEngine;
import io.kvflex.flexvolume.log.FileEventLog;
import io.kvflex.flexvolume.log.StrayOutput;
import io.kvflex.mount.AtomicProjectionWriter;
import io.kvflex.mount.CrashPoints;
import io.kvflex.mount.MountTable;
import io.kvflex.mount.RunDir;
import io.kvflex.mount.SystemMounter;
import io.kvflex.mount.VolumeLifecycle;
import io.kvflex.mount.VolumeLocks;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The training run of the AppCDS archive (run by {@code blackbox.AppCdsTraining} in a JVM whose
 * class path is the plugin folder's, with {@code -XX:DumpLoadedClassList}): the driver's real verbs
 * ({@code init}, then {@code mount} and {@code unmount} of each options file) through {@link
 * Driver#run} wired as {@link Main} wires it, so the class list is that of real mounts: options,
 * token, fetch, render, the projection writer, the log. Only the mount syscalls are left out (no
 * root needed): the mounter's host tool runner runs {@code true} instead of {@code mount(8)} and
 * {@code umount(8)}, through the same process code, and the files land in plain directories.
 *
 * <p>Usage: {@code TrainingMount <work dir> <kubelet-shaped volumes dir> <options json file>...};
 * exits 1 unless every verb answered Success.
 */
public final class TrainingMount {
  private TrainingMount() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]);
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("KVFLEX_LOG_FILE", work.resolve("training.log").toString());
    env.put(RunDir.ENV, work.resolve("run").toString());
    Path volumes = Path.of(args[1]);
    Clock clock = Clock.systemUTC();
    PrintStream stdout = System.out;
    // The real process's entry class belongs in the archive too (it is not run here).
    Class.forName(Main.class.getName(), false, TrainingMount.class.getClassLoader());
    int failures = 0;
    FileEventLog log = FileEventLog.fromEnvironment(env, clock, ProcessHandle.current().pid());
    try (PrintStream stray = StrayOutput.printStream(log, "stdout/stderr")) {
      System.setOut(stray);
      System.setErr(stray);
      TrainingMountTable tools = new TrainingMountTable(work.resolve("mountinfo"));
      SystemMounter mounter = new SystemMounter(tools, new MountTable(tools.file()));
      RunDir runDir = RunDir.fromEnvironment(env);
      DriverWorld world =
          new DriverWorld(
              env,
              clock,
              log,
              new VolumeLifecycle(
                  mounter,
                  new AtomicProjectionWriter(),
                  runDir,
                  new VolumeLocks(runDir, clock),
                  CrashPoints.fromEnvironment(env),
                  DriverWorld.events(log)),
              () -> MountEngine.create(EngineWorld.node(env, clock, log)));
      failures += check(stdout, "init", Driver.run(new String[] {"init"}, world));
      for (int i = 2; i < args.length; i++) {
        String options = Files.readString(Path.of(args[i]), StandardCharsets.UTF_8);
        // The fixture's options name volume "secrets" (kubernetes.io/pvOrVolumeName).
        String dir = volumes.resolve("secrets").toString();
        failures += check(stdout, "mount", Driver.run(new String[] {"mount", dir, options}, world));
        failures += check(stdout, "unmount", Driver.run(new String[] {"unmount", dir}, world));
      }
    } finally {
      log.close();
    }
    System.exit(failures == 0 ? 0 : 1);
  }

  private static int check(PrintStream out, String verb, DriverStatus status) {
    out.println(verb + " " + status.toJson());
    return status.exitCode() == 0 ? 0 : 1;
  }
}
