package io.kvflex.agent;

import io.kvflex.errors.KvflexException;
import io.kvflex.flexvolume.log.FileEventLog;
import io.kvflex.flexvolume.log.StrayOutput;
import io.kvflex.mount.SystemMounter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * {@code kv agent}: runs the node agent in the foreground until SIGTERM. Its stdout carries exactly
 * one line, {@code ready}, once it accepts calls; everything else goes to the driver log, like
 * every verb. The only place of the agent that calls {@code System.exit}.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintStream stdout =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    Map<String, String> env = System.getenv();
    Clock clock = Clock.systemUTC();
    long pid = ProcessHandle.current().pid();
    FileEventLog log = FileEventLog.fromEnvironment(env, clock, pid);
    PrintStream stray = StrayOutput.printStream(log, "stdout/stderr");
    System.setOut(stray);
    System.setErr(stray);
    int code;
    try {
      Agent agent =
          new Agent(AgentSettings.fromEnvironment(env), env, clock, log, SystemMounter.host(), pid);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    agent.stop();
                    agent.awaitStopped(Agent.STOP_GRACE.plus(Duration.ofSeconds(5)));
                  },
                  "kvflex-agent-stop"));
      code = agent.run(stdout);
    } catch (KvflexException e) {
      log.error("agent.failed", "message", e.getMessage());
      code = 2;
    } catch (Throwable t) {
      log.error(
          "agent.crashed",
          "error",
          t.getClass().getName(),
          "message",
          String.valueOf(t.getMessage()));
      code = 3;
    }
    log.close();
    System.exit(code);
  }
}
