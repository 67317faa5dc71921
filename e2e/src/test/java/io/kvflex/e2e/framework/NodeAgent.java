package io.kvflex.e2e.framework;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The node agent as the installer's DaemonSet runs it: {@code <plugin dir>/azure~kv/kv agent} in
 * the foreground with a given environment (nothing of the test JVM's), started and considered up
 * once it printed its one line {@code ready}. Stopped like the container runtime stops it
 * (SIGTERM), killed like the OOM killer does (SIGKILL), frozen and thawed (SIGSTOP/SIGCONT) to play
 * a hung agent.
 */
public final class NodeAgent implements AutoCloseable {
  /** A JVM start on a loaded machine; the agent prints ready right after. */
  static final Duration READY_WITHIN = Duration.ofSeconds(90);

  private final Process process;
  private final List<String> stdout = new ArrayList<>();
  private final CompletableFuture<Void> stdoutDone;
  private boolean frozen;

  private NodeAgent(Process process) {
    this.process = process;
    this.stdoutDone = CompletableFuture.runAsync(this::readStdout);
  }

  /**
   * Starts {@code entryPoint agent} with exactly {@code environment} and waits for its ready line.
   *
   * @throws IllegalStateException with the agent's output when it exits or stays silent
   */
  public static NodeAgent start(Path entryPoint, Map<String, String> environment) {
    ProcessBuilder pb =
        new ProcessBuilder(entryPoint.toString(), "agent")
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().clear();
    pb.environment().putAll(environment);
    NodeAgent agent;
    try {
      agent = new NodeAgent(pb.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + entryPoint + " agent", e);
    }
    agent.awaitReady();
    return agent;
  }

  private void readStdout() {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        synchronized (stdout) {
          stdout.add(line);
          stdout.notifyAll();
        }
      }
    } catch (IOException e) {
      // the agent is gone
    }
  }

  private void awaitReady() {
    long until = System.nanoTime() + READY_WITHIN.toNanos();
    synchronized (stdout) {
      while (stdout.isEmpty() && process.isAlive() && System.nanoTime() < until) {
        try {
          stdout.wait(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      if (!stdout.equals(List.of("ready"))) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "kv agent did not print exactly 'ready' (alive="
                + process.isAlive()
                + ", stdout+stderr="
                + stdout
                + "); see the agent's driver log");
      }
    }
  }

  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** Whether it was frozen with {@link #freeze()} and not thawed since. */
  public boolean frozen() {
    return frozen;
  }

  /** Everything the agent printed on stdout and stderr (the kubelet never sees it). */
  public List<String> output() {
    synchronized (stdout) {
      return List.copyOf(stdout);
    }
  }

  /** SIGKILL: no clean-up at all, as after the OOM killer or a node crash. */
  public void kill() {
    resumeIfFrozen();
    process.destroyForcibly();
    await();
  }

  /** SIGTERM, as when its pod is deleted; returns its exit code. */
  public int stop() {
    resumeIfFrozen();
    process.destroy();
    return await();
  }

  /** SIGSTOP: alive but unable to claim anything (a hung JVM). */
  public void freeze() {
    signal("STOP");
    frozen = true;
  }

  /** SIGCONT after {@link #freeze()}. */
  public void thaw() {
    signal("CONT");
    frozen = false;
  }

  private void resumeIfFrozen() {
    if (frozen) {
      thaw();
    }
  }

  private void signal(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(pid())).start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " " + pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private int await() {
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException("kv agent did not stop within 60 s of SIGTERM");
      }
      stdoutDone.get(10, TimeUnit.SECONDS);
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      return process.exitValue();
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      stop();
    }
  }
}
