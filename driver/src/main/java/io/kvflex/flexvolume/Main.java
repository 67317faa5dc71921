package io.kvflex.flexvolume;

import io.kvflex.engine.EngineWorld;
import io.kvflex.engine.HttpSelectors;
import io.kvflex.engine.MountEngine;
import io.kvflex.errors.KvflexException;
import io.kvflex.flexvolume.log.EventLog;
import io.kvflex.flexvolume.log.FileEventLog;
import io.kvflex.flexvolume.log.StrayOutput;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * The process the kubelet execs (through the {@code kv} launcher). The only place that calls {@code
 * System.exit}. Before anything else it points {@code System.out}/{@code System.err} at the log,
 * keeping the real stdout for the single status JSON; the options JSON of {@code mount} arrives on
 * stdin ({@link LauncherArgs}).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintStream stdout =
        new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    DriverStatus status;
    PrintStream stray = null;
    FileEventLog log = null;
    try {
      Map<String, String> env = System.getenv();
      Clock clock = Clock.systemUTC();
      log = FileEventLog.fromEnvironment(env, clock, ProcessHandle.current().pid());
      stray = StrayOutput.printStream(log, "stdout/stderr");
      System.setOut(stray);
      System.setErr(stray);
      EventLog eventLog = log;
      reportAgentFallback(env, eventLog);
      String[] driverArgs = LauncherArgs.resolve(args, System.in);
      DriverWorld world =
          DriverWorld.host(
              env,
              clock,
              eventLog,
              () -> MountEngine.create(EngineWorld.node(env, clock, eventLog)));
      status = Driver.run(driverArgs, world);
    } catch (KvflexException e) {
      status = DriverStatus.failure(e.getMessage());
    } catch (UncheckedIOException e) {
      status = DriverStatus.failure("kvflex driver could not read its options from the launcher");
    } catch (Throwable t) {
      status =
          DriverStatus.failure(
              "kvflex driver could not start (" + t.getClass().getSimpleName() + ")");
    }
    stdout.print(status.toJson());
    stdout.print('\n');
    stdout.flush();
    if (stray != null) {
      stray.close();
    }
    if (log != null) {
      log.close();
    }
    HttpSelectors.stopAll(HttpSelectors.EXIT_WAIT);
    System.exit(status.exitCode());
  }

  /**
   * Why the launcher ran this call in-process although a node agent was published (the launcher's
   * {@code KVFLEX_AGENT_FALLBACK}): a stale, hung, incompatible or unsafe agent is worth a line.
   */
  static void reportAgentFallback(Map<String, String> env, EventLog log) {
    String reason = env.getOrDefault("KVFLEX_AGENT_FALLBACK", "");
    if (!reason.isEmpty() && !reason.equals("none") && !reason.equals("disabled")) {
      log.warn(
          "agent.fallback",
          "reason",
          reason.replaceAll("[^a-z-]", "?"),
          "agent",
          env.getOrDefault("KVFLEX_AGENT_READY", ""));
    }
  }
}
