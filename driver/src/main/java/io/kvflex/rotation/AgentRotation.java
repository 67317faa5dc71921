package io.kvflex.rotation;

import io.kvflex.engine.MountEngine;
import io.kvflex.flexvolume.log.EventLog;
import io.kvflex.mount.AtomicProjectionWriter;
import io.kvflex.options.MountRequest;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * Rotation inside the node agent: the scheduler, the thread that drives it, a small pool for the
 * polls, and a periodic scan that finds rotating volumes nobody polls (after a restart, or mounted
 * in-process while the agent was down). Mounts and unmounts the agent serves report here ({@link
 * VolumeRotation}); {@code kv status} reads {@link #statusJson()}.
 */
public final class AgentRotation implements VolumeRotation, AutoCloseable {
  /** An unmount waits at most this long for a poll of its volume to end (it is interrupted). */
  static final Duration STOP_WAIT = Duration.ofSeconds(10);

  /**
   * Everything rotation needs from the agent.
   *
   * @param log the agent's log (rotation events)
   * @param engines the engine (warm tokens and connections) for a poll, in a volume's call
   *     environment (empty: the agent's own) and over the poll's log
   * @param parse parses kept options for a volume directory, as a mount does (discovery)
   * @param guard the lifecycle's check and lock of a volume
   * @param mounts the driver's mounted volumes (discovery)
   * @param parallelPolls polls running at once, over all volumes
   * @param rescanEvery how often unpolled rotating volumes are looked for
   */
  public record Wiring(
      Clock clock,
      EventLog log,
      BiFunction<Map<String, String>, EventLog, MountEngine> engines,
      BiFunction<String, Path, MountRequest> parse,
      VolumeGuard guard,
      MountedVolumes mounts,
      AtomicProjectionWriter writer,
      int parallelPolls,
      Duration rescanEvery,
      long pid) {}

  private final Wiring wiring;
  private final Instant started;
  private final ExecutorService pool;
  private final RotationScheduler scheduler;
  private final RotationLoop loop;
  private final Discovery discovery;
  private final ScheduledExecutorService rescans;
  private final Thread loopThread;

  private AgentRotation(Wiring w) {
    this.wiring = w;
    this.started = w.clock().instant();
    this.pool = Executors.newFixedThreadPool(w.parallelPolls(), daemons("kvflex-rotation-poll"));
    VolumeRefresh refresh = new FetchAndSwap(w.engines(), w.guard(), w.writer(), w.clock());
    this.scheduler =
        new RotationScheduler(refresh, w.clock(), new PollTiming(new Random()), w.log(), pool);
    this.loop = new RotationLoop(scheduler, w.clock());
    this.discovery = new Discovery(w.mounts(), w.parse(), scheduler, w.guard(), w.log());
    this.rescans = Executors.newSingleThreadScheduledExecutor(daemons("kvflex-rotation-scan"));
    this.loopThread = daemons("kvflex-rotation").newThread(loop);
  }

  /** Starts the loop and the scans (the first one at once). */
  public static AgentRotation start(Wiring w) {
    AgentRotation r = new AgentRotation(w);
    r.loopThread.start();
    r.rescans.scheduleWithFixedDelay(
        r::rescan, 0, w.rescanEvery().toMillis(), TimeUnit.MILLISECONDS);
    return r;
  }

  /** Looks for rotating volumes nobody polls; never throws (a scan that fails is logged). */
  public void rescan() {
    try {
      int resumed = discovery.scan();
      if (resumed > 0) {
        wiring.log().info("rotation.resumed", "volumes", resumed);
      }
    } catch (RuntimeException e) {
      wiring.log().warn("rotation.scan_failed", "cause", e.toString());
    }
  }

  @Override
  public void mounted(
      Path dir, MountRequest request, Map<ObjectRef, String> versions, boolean fresh) {
    mounted(dir, request, versions, fresh, Map.of());
  }

  private void mounted(
      Path dir,
      MountRequest request,
      Map<ObjectRef, String> versions,
      boolean fresh,
      Map<String, String> callEnv) {
    if (!fresh && scheduler.isPolled(dir)) {
      return;
    }
    if (request.rotates()) {
      scheduler.add(new RotatingVolume(dir, request, callEnv), versions, false);
    } else {
      scheduler.stop(dir, STOP_WAIT, "mounted again without rotation");
    }
  }

  /**
   * This rotation as one call the agent serves sees it: a volume that call mounts is polled in the
   * call's environment (the kubelet's proxy variables the launcher handed over).
   */
  public VolumeRotation forCall(Map<String, String> callEnv) {
    Map<String, String> env = Map.copyOf(callEnv);
    AgentRotation self = this;
    return new VolumeRotation() {
      @Override
      public void mounted(
          Path dir, MountRequest request, Map<ObjectRef, String> versions, boolean fresh) {
        self.mounted(dir, request, versions, fresh, env);
      }

      @Override
      public void unmounting(Path dir) {
        self.unmounting(dir);
      }

      @Override
      public String statusJson() {
        return self.statusJson();
      }
    };
  }

  @Override
  public void unmounting(Path dir) {
    scheduler.stop(dir, STOP_WAIT, "unmount");
  }

  @Override
  public String statusJson() {
    return StatusJson.render(
        new StatusJson.Agent(true, Optional.of(wiring.pid()), Optional.of(started)),
        scheduler.totals(),
        scheduler.status(),
        discovery.dormant());
  }

  /** Stops polling (polls in flight are interrupted; mounted files stay as they are). */
  @Override
  public void close() {
    loop.stop();
    rescans.shutdownNow();
    pool.shutdownNow();
    try {
      loopThread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
