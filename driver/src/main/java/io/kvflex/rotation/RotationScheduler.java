package io.kvflex.rotation;

import io.kvflex.errors.KvflexException;
import io.kvflex.errors.RemoteException;
import io.kvflex.flexvolume.log.EventLog;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * Decides when each rotating volume is polled and keeps what operators see of it. Time comes only
 * from the injected clock: {@link #runDue()} starts every poll that is due now, {@link #nextWake()}
 * says when the next one is; a {@link RotationLoop} (or a test stepping the clock) drives it. Polls
 * run on the given executor, at most one per volume at a time.
 *
 * <ul>
 *   <li>Spread and jitter: see {@link PollTiming}.
 *   <li>Failures keep the mounted files; the first failure of a streak is logged ({@code
 *       rotation.failing}), the rest only counted, and the first success after it is logged ({@code
 *       rotation.recovered}). A failed volume is polled again at its interval.
 *   <li>Throttling: a 429 holds back every volume of that vault until its {@code Retry-After}
 *       passed, or, without one, for 1, 2, 4 ... up to {@value #MAX_BACKOFF_S} s (Key Vault's
 *       guidance), whichever is later than the volume's own next poll.
 *   <li>{@link #stop} ends a volume's polling at once: a poll in flight is interrupted and waited
 *       for, and it writes nothing once stopped.
 * </ul>
 */
public final class RotationScheduler {
  static final long MAX_BACKOFF_S = 300;

  private final VolumeRefresh refresh;
  private final Clock clock;
  private final PollTiming timing;
  private final EventLog log;
  private final ExecutorService pool;
  private final Map<Path, VolumeState> volumes = new LinkedHashMap<>();
  private final Map<String, Instant> vaultHolds = new HashMap<>();
  private final Map<String, Integer> vaultThrottles = new HashMap<>();
  private final RotationTotals totals = new RotationTotals();
  private Runnable onChange = () -> {};

  RotationScheduler(
      VolumeRefresh refresh, Clock clock, PollTiming timing, EventLog log, ExecutorService pool) {
    this.refresh = refresh;
    this.clock = clock;
    this.timing = timing;
    this.log = log;
    this.pool = pool;
  }

  /** Called after every change of the schedule (the loop wakes up to look again). */
  synchronized void onChange(Runnable listener) {
    this.onChange = listener;
  }

  /**
   * Starts polling {@code volume}, replacing whatever was polled at its directory.
   *
   * @param versions the versions mounted, as far as known
   * @param discovered true for a volume found again (first poll anywhere in its interval), false
   *     for one mounted just now (first poll in the second half of its interval)
   */
  public void add(RotatingVolume volume, Map<ObjectRef, String> versions, boolean discovered) {
    stop(volume.dir(), Duration.ofSeconds(5), "mounted again");
    Instant now = clock.instant();
    Instant first =
        discovered
            ? timing.afterDiscovery(now, volume.interval())
            : timing.afterMount(now, volume.interval());
    synchronized (this) {
      volumes.put(
          volume.dir(),
          new VolumeState(volume, discovered ? "discovered" : "mount", versions, first));
      changed();
    }
    log.info(
        "rotation.watching",
        "dir",
        volume.dir(),
        "pod",
        volume.pod(),
        "vault",
        volume.request().vaultName(),
        "identity",
        volume.request().identity().describe(),
        "interval_s",
        volume.interval().toSeconds(),
        "polled",
        volume.polled().size(),
        "pinned",
        volume.request().objects().size() - volume.polled().size(),
        "origin",
        discovered ? "discovered" : "mount",
        "first_poll_in_ms",
        Duration.between(now, first).toMillis());
  }

  /**
   * Ends the polling of the volume at {@code dir}: no poll starts any more, a poll in flight is
   * interrupted and waited for (up to {@code wait}); it writes nothing once stopped.
   *
   * @return whether the volume was polled
   */
  public boolean stop(Path dir, Duration wait, String reason) {
    Path key = dir.toAbsolutePath().normalize();
    VolumeState state;
    Future<?> running;
    boolean inFlight;
    synchronized (this) {
      state = volumes.remove(key);
      if (state == null) {
        return false;
      }
      state.stopped = true;
      running = state.running;
      inFlight = state.inFlight;
      changed();
    }
    if (inFlight) {
      if (running != null) {
        running.cancel(true);
      }
      awaitIdle(state, wait);
    }
    log.info("rotation.stopped", "dir", key, "reason", reason, "polls", state.polls);
    return true;
  }

  public synchronized boolean isPolled(Path dir) {
    return volumes.containsKey(dir.toAbsolutePath().normalize());
  }

  /** Starts every poll that is due now (each on the executor). */
  public void runDue() {
    List<VolumeState> due = new ArrayList<>();
    synchronized (this) {
      Instant now = clock.instant();
      for (VolumeState s : volumes.values()) {
        if (!s.inFlight && !s.stopped && !startOf(s).isAfter(now)) {
          s.inFlight = true;
          due.add(s);
        }
      }
    }
    for (VolumeState s : due) {
      Instant started = clock.instant();
      Map<ObjectRef, String> known;
      synchronized (this) {
        known = Map.copyOf(s.versions);
      }
      try {
        Future<?> f =
            pool.submit(
                () -> {
                  RefreshOutcome outcome = refresh.refresh(s.volume, known, () -> !s.stopped);
                  Thread.interrupted(); // a stop's interrupt must not outlive this poll
                  complete(s, started, outcome);
                });
        synchronized (this) {
          if (s.inFlight) {
            s.running = f;
          }
        }
      } catch (RejectedExecutionException e) {
        synchronized (this) {
          s.inFlight = false;
        }
      }
    }
  }

  /** When the next poll is due (a held-back vault counted), empty when nothing is polled. */
  public synchronized Optional<Instant> nextWake() {
    return volumes.values().stream()
        .filter(s -> !s.inFlight)
        .map(this::startOf)
        .min(Comparator.naturalOrder());
  }

  public synchronized List<VolumeStatus> status() {
    return volumes.values().stream()
        .map(s -> s.snapshot(Optional.ofNullable(vaultHolds.get(s.volume.vaultKey()))))
        .toList();
  }

  public RotationTotals totals() {
    return totals;
  }

  private Instant startOf(VolumeState s) {
    Instant hold = vaultHolds.get(s.volume.vaultKey());
    return hold != null && hold.isAfter(s.nextPoll) ? hold : s.nextPoll;
  }

  private void complete(VolumeState s, Instant started, RefreshOutcome outcome) {
    Instant finished = clock.instant();
    synchronized (this) {
      s.inFlight = false;
      s.running = null;
      notifyAll();
      if (s.stopped) {
        return;
      }
      if (outcome instanceof RefreshOutcome.Gone gone) {
        volumes.remove(s.volume.dir());
        s.stopped = true;
        changed();
        log.info(
            "rotation.stopped", "dir", s.volume.dir(), "reason", gone.reason(), "polls", s.polls);
        return;
      }
      s.polls++;
      s.lastPoll = started;
      s.nextPoll = timing.next(started, finished, s.volume.interval());
      totals.polls.incrementAndGet();
      if (outcome instanceof RefreshOutcome.Failed failed) {
        failed(s, failed.failure(), finished);
      } else {
        succeeded(s, outcome, finished);
      }
      changed();
    }
  }

  private void succeeded(VolumeState s, RefreshOutcome outcome, Instant finished) {
    vaultThrottles.remove(s.volume.vaultKey());
    if (s.streak > 0) {
      event(
          EventLog.Level.INFO,
          "rotation.recovered",
          s,
          "failed_polls",
          s.streak,
          "failing_s",
          Duration.between(s.streakSince, finished).toSeconds());
    }
    s.streak = 0;
    s.lastError = null;
    if (outcome instanceof RefreshOutcome.Unchanged u) {
      s.versions.putAll(u.versions());
      s.lastResult = "unchanged";
      return;
    }
    RefreshOutcome.Rotated r = (RefreshOutcome.Rotated) outcome;
    s.versions.putAll(r.versions());
    s.lastResult = "rotated";
    s.lastRotation = finished;
    s.rotations++;
    totals.rotations.incrementAndGet();
    for (VersionChange c : r.changes()) {
      event(
          EventLog.Level.INFO,
          "rotation.rotated",
          s,
          "refresh",
          s.polls,
          "object",
          c.ref().type().optionValue() + "/" + c.ref().name(),
          "old_version",
          c.from().orElse("unknown"),
          "new_version",
          c.to(),
          "files",
          String.join(",", c.files()),
          "swapped_files",
          r.files());
    }
  }

  private void failed(VolumeState s, KvflexException failure, Instant finished) {
    s.failures++;
    s.lastResult = "failed";
    s.lastError = failure.getMessage();
    totals.failures.incrementAndGet();
    Optional<RemoteException.Throttled> throttled =
        failure instanceof RemoteException r ? r.throttling() : Optional.empty();
    if (throttled.isPresent()) {
      totals.throttled.incrementAndGet();
      hold(s.volume.vaultKey(), throttled.get(), finished);
    }
    if (s.streak++ == 0) {
      s.streakSince = finished;
      event(
          EventLog.Level.WARN,
          "rotation.failing",
          s,
          "kind",
          failure.kind().name().toLowerCase(Locale.ROOT),
          "throttled",
          throttled.isPresent(),
          "message",
          failure.getMessage(),
          "next_poll_in_s",
          Duration.between(finished, startOf(s)).toSeconds(),
          "files",
          "kept as they are; logged once until a poll succeeds");
    }
  }

  /** One event about a volume: its directory, pod and vault first, then {@code fields}. */
  private void event(EventLog.Level level, String name, VolumeState s, Object... fields) {
    Object[] all = new Object[6 + fields.length];
    all[0] = "dir";
    all[1] = s.volume.dir();
    all[2] = "pod";
    all[3] = s.volume.pod();
    all[4] = "vault";
    all[5] = s.volume.request().vaultName();
    System.arraycopy(fields, 0, all, 6, fields.length);
    log.log(level, name, all);
  }

  /** Holds back every volume of the vault: its Retry-After, or 1, 2, 4 ... s. */
  private void hold(String vault, RemoteException.Throttled throttled, Instant now) {
    int n = vaultThrottles.merge(vault, 1, Integer::sum);
    Duration wait =
        throttled
            .retryAfter()
            .orElse(Duration.ofSeconds(Math.min(MAX_BACKOFF_S, 1L << Math.min(n - 1, 16))));
    Instant until = now.plus(wait);
    vaultHolds.merge(vault, until, (a, b) -> a.isAfter(b) ? a : b);
  }

  private void awaitIdle(VolumeState state, Duration wait) {
    long until = System.nanoTime() + wait.toNanos();
    synchronized (this) {
      while (state.inFlight) {
        long left = until - System.nanoTime();
        if (left <= 0) {
          log.warn("rotation.stop_slow", "dir", state.volume.dir(), "waited_ms", wait.toMillis());
          return;
        }
        try {
          wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void changed() {
    onChange.run();
  }
}
