package io.kvflex.agent;

import io.kvflex.engine.EngineWorld;
import io.kvflex.engine.WarmVaults;
import io.kvflex.flexvolume.NodeRotation;
import io.kvflex.flexvolume.ServedCall;
import io.kvflex.flexvolume.log.FileEventLog;
import io.kvflex.mount.Mounter;
import io.kvflex.rotation.AgentRotation;
import io.kvflex.rotation.VolumeRotation;
import io.kvflex.vault.http.MemoryBudget;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The node agent ({@code kv agent}): a long-lived JVM serving kubelet calls that launchers hand
 * over through {@code $RUN_DIR/agent/calls}, with warm tokens and connections. It watches the calls
 * directory (inotify), claims each new call at once on a small claim pool (so a launcher never
 * waits for a busy worker to be told its call is taken), and runs at most {@code concurrency} calls
 * at a time; up to {@code queue} more wait with their deadline. It publishes {@code ready} once it
 * accepts calls and again whenever a launcher marked it stale while it is healthy, and withdraws it
 * first thing when stopping. See {@code docs/agent.md}.
 */
public final class Agent {
  /** How often the calls directory is swept for leftovers and the ready file checked. */
  static final Duration SWEEP_EVERY = Duration.ofSeconds(30);

  /** The mount table as the agent sees it (its run and kubelet mounts propagate from the host). */
  static final Path MOUNT_INFO = Path.of("/proc/self/mountinfo");

  /** Calls that are running when the agent is told to stop get this long to finish. */
  static final Duration STOP_GRACE = Duration.ofSeconds(20);

  private final AgentSettings settings;
  private final RunDir runDir;
  private final Clock clock;
  private final FileEventLog log;
  private final long pid;
  private final ReadyFile ready;
  private final Timeouts timeouts;
  private final ScheduledExecutorService timer;
  private final ThreadPoolExecutor claims;
  private final ThreadPoolExecutor workers;
  private final Semaphore capacity;
  private final CallServer server;
  private final Janitor janitor;
  private final Map<String, String> env;
  private final Mounter local;
  private final WarmVaults warm;
  private final MemoryBudget memory;
  private final Set<String> active = ConcurrentHashMap.newKeySet();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean stopping;
  private volatile WatchService watch;
  private volatile AgentRotation rotation;

  /**
   * @param env the agent's environment (proxy variables come per call from the launcher)
   * @param local reads the mount table (the agent mounts nothing itself)
   */
  public Agent(
      AgentSettings settings,
      Map<String, String> env,
      Clock clock,
      FileEventLog log,
      Mounter local,
      long pid) {
    this.settings = settings;
    this.runDir = new RunDir(settings.runDir());
    this.clock = clock;
    this.log = log;
    this.pid = pid;
    this.ready = new ReadyFile(runDir, settings.release(), clock.instant(), pid);
    this.timer = Executors.newSingleThreadScheduledExecutor(daemons("kvflex-agent-timer"));
    this.timeouts = new Timeouts(timer);
    this.claims =
        new ThreadPoolExecutor(
            1,
            16,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            daemons("kvflex-agent-claim"),
            new ThreadPoolExecutor.CallerRunsPolicy());
    this.workers =
        new ThreadPoolExecutor(
            settings.concurrency(),
            settings.concurrency(),
            0,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            daemons("kvflex-agent-call"));
    this.capacity = new Semaphore(settings.concurrency() + settings.queue());
    this.env = Map.copyOf(env);
    this.local = local;
    this.warm = WarmVaults.longLived(clock, log);
    this.memory = MemoryBudget.of(settings.answerMemory(), AgentSettings.MEMORY_VARIABLE);
    this.server =
        new CallServer(settings, runDir, env, clock, log, warm, memory, local, this::rotationFor);
    this.janitor = new Janitor(runDir, clock, log);
  }

  /**
   * Runs until {@link #stop()}: prepares the run directory, publishes {@code ready}, prints the
   * line {@code ready} on {@code stdout} and serves calls.
   *
   * @return the process exit code (0 after a stop)
   * @throws IOException when the run directory cannot be watched
   */
  public int run(PrintStream stdout) throws IOException {
    runDir.prepare();
    startRotation();
    watch = runDir.calls().getFileSystem().newWatchService();
    runDir.calls().register(watch, StandardWatchEventKinds.ENTRY_CREATE);
    runDir
        .agentDir()
        .register(
            watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE);
    // Calls announced before the watch existed: a restarted agent picks up waiting launchers.
    janitor.sweep(active, this::claim);
    ready.publish();
    log.info(
        "agent.ready",
        "run_dir",
        runDir.root(),
        "protocol",
        Protocol.VERSION,
        "release",
        settings.release(),
        "concurrency",
        settings.concurrency(),
        "queue",
        settings.queue(),
        "max_wait_s",
        settings.maxWait().toSeconds());
    stdout.println("ready");
    stdout.flush();
    try {
      loop();
    } finally {
      shutDown();
    }
    return 0;
  }

  /**
   * Rotation of mounted volumes: polls with this agent's warm tokens and connections; a first scan
   * finds the rotating volumes the node holds (after a restart). Before the first call is claimed,
   * so every mount the agent serves reaches it.
   */
  private void startRotation() {
    rotation =
        NodeRotation.start(
            env,
            clock,
            log,
            local,
            (callEnv, pollLog) ->
                warm.budgetedEngine(
                    EngineWorld.node(callEnv.isEmpty() ? env : callEnv, clock, pollLog), memory),
            MOUNT_INFO,
            pid);
  }

  /** Rotation as a call in {@code callEnv} sees it (nothing before rotation started). */
  private VolumeRotation rotationFor(Map<String, String> callEnv) {
    AgentRotation r = rotation;
    return r == null ? VolumeRotation.NONE : r.forCall(callEnv);
  }

  private void loop() throws IOException {
    Instant nextSweep = clock.instant().plus(SWEEP_EVERY);
    while (!stopping) {
      WatchKey key;
      try {
        key = watch.poll(SWEEP_EVERY.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ClosedWatchServiceException | InterruptedException e) {
        break;
      }
      if (key != null) {
        Path dir = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
          handle(dir, event);
        }
        key.reset();
      }
      if (!clock.instant().isBefore(nextSweep)) {
        nextSweep = clock.instant().plus(SWEEP_EVERY);
        janitor.sweep(active, this::claim);
        republishIfGone();
      }
    }
  }

  private void handle(Path dir, WatchEvent<?> event) {
    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
      // Too many events at once: look at everything instead.
      rescan();
      republishIfGone();
      return;
    }
    Path name = (Path) event.context();
    if (dir.equals(runDir.calls())) {
      claim(runDir.calls().resolve(name));
    } else if (name.toString().equals("ready") || name.toString().equals("ready.stale")) {
      republishIfGone();
    }
  }

  private void rescan() {
    try (DirectoryStream<Path> calls = Files.newDirectoryStream(runDir.calls())) {
      calls.forEach(this::claim);
    } catch (IOException e) {
      log.warn("agent.rescan_failed", "cause", e.toString());
    }
  }

  /**
   * Publishes {@code ready} again when a launcher moved it aside (a call it offered was not claimed
   * in time) or it disappeared, but only while the agent can take a call at once: a full agent
   * stays unpublished, so launchers run calls in-process without waiting, until a call finishes.
   */
  private synchronized void republishIfGone() {
    if (stopping || !healthy() || ready.isPublished()) {
      return;
    }
    try {
      ready.publish();
      log.warn(
          "agent.republished",
          "reason",
          "a launcher marked the agent stale or the ready file disappeared",
          "active",
          active.size(),
          "queued",
          workers.getQueue().size());
    } catch (IOException e) {
      log.warn("agent.publish_failed", "cause", e.toString());
    }
  }

  /** Room for one more call, and a claim thread free to claim it. */
  private boolean healthy() {
    return capacity.availablePermits() > 0 && claims.getActiveCount() < claims.getMaximumPoolSize();
  }

  /** Claims a call on the claim pool; at most once per id, and only while there is room. */
  private void claim(Path call) {
    String id = call.getFileName().toString();
    if (stopping || !active.add(id)) {
      return;
    }
    if (!capacity.tryAcquire()) {
      // Full: leave the offer; its launcher stops waiting after a second and runs it in-process.
      active.remove(id);
      log.warn(
          "agent.full", "call", id, "active", settings.concurrency(), "queue", settings.queue());
      return;
    }
    claims.execute(
        () -> {
          boolean queued = false;
          try {
            var channel = CallChannel.claim(call, timeouts, pid);
            if (channel.isPresent()) {
              Instant claimed = clock.instant();
              workers.execute(new QueuedCall(channel.get(), claimed));
              queued = true;
            }
          } catch (IOException | RuntimeException e) {
            log.warn("agent.claim_failed", "call", id, "cause", e.toString());
          } finally {
            if (!queued) {
              active.remove(id);
              capacity.release();
            }
          }
        });
  }

  /** A claimed call waiting for a worker; answered with a Failure if the agent stops first. */
  private final class QueuedCall implements Runnable {
    final CallChannel channel;
    final Instant claimed;

    QueuedCall(CallChannel channel, Instant claimed) {
      this.channel = channel;
      this.claimed = claimed;
    }

    @Override
    public void run() {
      try {
        server.serve(channel, claimed);
      } finally {
        active.remove(channel.id());
        capacity.release();
        republishIfGone();
      }
    }

    void reject() {
      try {
        ServedCall.Answer stopped =
            ServedCall.Answer.failure(
                "the kvflex node agent stopped before it could run this call; nothing was done,"
                    + " the kubelet will retry");
        channel.answer(stopped.exitCode(), stopped.json());
      } catch (IOException e) {
        // The launcher is gone as well.
      } finally {
        channel.close();
        active.remove(channel.id());
        capacity.release();
      }
    }
  }

  /** Stops claiming, lets running calls finish (bounded), and answers the queued ones. */
  public void stop() {
    stopping = true;
    ready.withdraw();
    WatchService w = watch;
    if (w != null) {
      try {
        w.close();
      } catch (IOException e) {
        // the loop ends anyway
      }
    }
  }

  /** Waits until {@link #run} has finished stopping (for a shutdown hook). */
  public void awaitStopped(Duration limit) {
    try {
      stopped.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void shutDown() {
    stopping = true;
    ready.withdraw();
    claims.shutdown();
    try {
      claims.awaitTermination(CallChannel.OPEN_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
      for (Runnable waiting : workers.getQueue().toArray(new Runnable[0])) {
        if (workers.remove(waiting) && waiting instanceof QueuedCall q) {
          q.reject();
        }
      }
      workers.shutdown();
      if (!workers.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      workers.shutdownNow();
    } finally {
      timer.shutdownNow();
      AgentRotation r = rotation;
      if (r != null) {
        // Polls in flight are interrupted; a swap under way completes or leaves the old files.
        r.close();
      }
      log.info("agent.stopped", "unfinished", active.size());
      stopped.countDown();
    }
  }

  private static ThreadFactory daemons(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
