package io.kvflex.rotation;

import static io.kvflex.rotation.RotationFixtures.volume;
import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.errors.LocalWriteException;
import io.kvflex.errors.RemoteException;
import io.kvflex.flexvolume.log.EventRecorder;
import io.kvflex.options.ObjectType;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import io.kvflex.testsupport.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The schedule, stepped with a manual clock; polls run on the test's thread. */
class RotationSchedulerTest {
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  static final ObjectRef DB = new ObjectRef(ObjectType.SECRET, "db", Optional.empty());

  final ManualClock clock = new ManualClock(T0);
  final EventRecorder log = new EventRecorder();
  final List<Poll> polls = new CopyOnWriteArrayList<>();
  final Map<Path, Function<Integer, RefreshOutcome>> scripts = new ConcurrentHashMap<>();

  record Poll(Path dir, Instant at) {}

  final VolumeRefresh refresh =
      (volume, known, active) -> {
        polls.add(new Poll(volume.dir(), clock.instant()));
        long n = polls.stream().filter(p -> p.dir().equals(volume.dir())).count();
        return scripts
            .getOrDefault(volume.dir(), i -> new RefreshOutcome.Unchanged(Map.of(DB, "v1")))
            .apply((int) n);
      };

  RotationScheduler scheduler(ExecutorService pool) {
    return new RotationScheduler(refresh, clock, new PollTiming(new Random(7)), log, pool);
  }

  final RotationScheduler scheduler = scheduler(new RotationFixtures.SameThread());

  /** Steps the clock in small steps for {@code total}, running what is due at each step. */
  void runFor(Duration total) {
    Instant end = clock.instant().plus(total);
    while (clock.instant().isBefore(end)) {
      scheduler.runDue();
      clock.advance(Duration.ofMillis(100));
    }
    scheduler.runDue();
  }

  List<Instant> pollTimes(String dir) {
    return polls.stream().filter(p -> p.dir().equals(Path.of(dir))).map(Poll::at).toList();
  }

  @Test
  void aMountedVolumeIsFirstPolledInTheSecondHalfOfItsIntervalThenEveryIntervalWithJitter() {
    Duration interval = Duration.ofSeconds(30);
    scheduler.add(volume("/v/a", "vault-a", interval), Map.of(DB, "v1"), false);

    runFor(Duration.ofMinutes(30));

    List<Instant> at = pollTimes("/v/a");
    assertThat(at).hasSizeBetween(50, 70);
    Duration first = Duration.between(T0, at.get(0));
    assertThat(first).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30).plusMillis(100));
    for (int i = 1; i < at.size(); i++) {
      Duration gap = Duration.between(at.get(i - 1), at.get(i));
      assertThat(gap)
          .as("gap %d: within the interval ± 10%% (a new version shows within 2 intervals)", i)
          .isBetween(Duration.ofSeconds(27), Duration.ofSeconds(33).plusMillis(100));
    }
    assertThat(at.stream().map(t -> Duration.between(T0, t).toMillis() % 30_000).distinct())
        .as("jittered, not a fixed beat")
        .hasSizeGreaterThan(10);
  }

  @Test
  void volumesMountedTogetherArePolledApart() {
    for (int i = 0; i < 20; i++) {
      scheduler.add(volume("/v/" + i, "vault-a", Duration.ofSeconds(60)), Map.of(), false);
    }
    runFor(Duration.ofSeconds(61));
    List<Instant> firsts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      firsts.add(pollTimes("/v/" + i).get(0));
    }
    Instant min = firsts.stream().min(Instant::compareTo).orElseThrow();
    Instant max = firsts.stream().max(Instant::compareTo).orElseThrow();
    assertThat(Duration.between(min, max)).isGreaterThan(Duration.ofSeconds(20));
    assertThat(firsts.stream().distinct()).hasSizeGreaterThan(15);
  }

  @Test
  void aFailureStreakIsLoggedOnceAndCountedAndItsEndIsLogged() {
    Path dir = Path.of("/v/a");
    scripts.put(
        dir,
        n ->
            n >= 2 && n <= 4
                ? new RefreshOutcome.Failed(
                    new RemoteException("cannot fetch secret/db: vault down"))
                : new RefreshOutcome.Unchanged(Map.of(DB, "v1")));
    scheduler.add(volume("/v/a", "vault-a", Duration.ofSeconds(10)), Map.of(), false);

    runFor(Duration.ofSeconds(45));
    VolumeStatus failing = scheduler.status().get(0);
    assertThat(pollTimes("/v/a")).hasSize(4);
    assertThat(failing.state()).isEqualTo("failing");
    assertThat(failing.failures()).isEqualTo(3);
    assertThat(failing.consecutiveFailures()).isEqualTo(3);
    assertThat(failing.lastError()).hasValue("cannot fetch secret/db: vault down");
    assertThat(log.named("rotation.failing")).hasSize(1);
    assertThat(log.named("rotation.failing").get(0).field("message")).contains("vault down");
    assertThat(log.named("rotation.recovered")).isEmpty();

    runFor(Duration.ofSeconds(12));
    VolumeStatus recovered = scheduler.status().get(0);
    assertThat(recovered.state()).isEqualTo("polling");
    assertThat(recovered.consecutiveFailures()).isZero();
    assertThat(recovered.failures()).isEqualTo(3);
    assertThat(recovered.refreshes()).isEqualTo(5);
    assertThat(log.named("rotation.recovered")).hasSize(1);
    assertThat(log.named("rotation.recovered").get(0).field("failed_polls")).isEqualTo("3");
    assertThat(scheduler.totals().failures()).isEqualTo(3);
  }

  @Test
  void a429HoldsBackEveryVolumeOfThatVaultUntilItsRetryAfter() {
    Duration interval = Duration.ofSeconds(10);
    scripts.put(
        Path.of("/v/a"),
        n ->
            n == 1
                ? new RefreshOutcome.Failed(
                    RemoteException.throttled("throttled", Optional.of(Duration.ofSeconds(120))))
                : new RefreshOutcome.Unchanged(Map.of()));
    scheduler.add(volume("/v/a", "shared", interval), Map.of(), false);
    runFor(Duration.ofSeconds(10));
    assertThat(pollTimes("/v/a")).hasSize(1);
    Instant throttledAt = pollTimes("/v/a").get(0);
    scheduler.add(volume("/v/b", "shared", interval), Map.of(), false);
    scheduler.add(volume("/v/c", "other", interval), Map.of(), false);

    runFor(Duration.ofSeconds(100));
    assertThat(pollTimes("/v/a")).as("held back by Retry-After").hasSize(1);
    assertThat(pollTimes("/v/b")).as("same vault: held back too").isEmpty();
    assertThat(pollTimes("/v/c")).as("another vault polls as usual").hasSizeGreaterThan(5);
    assertThat(scheduler.status().get(0).nextRefresh())
        .hasValueSatisfying(t -> assertThat(t).isEqualTo(throttledAt.plusSeconds(120)));

    runFor(Duration.ofSeconds(40));
    assertThat(pollTimes("/v/a").get(1)).isAfterOrEqualTo(throttledAt.plusSeconds(120));
    assertThat(pollTimes("/v/b")).isNotEmpty();
    assertThat(pollTimes("/v/b").get(0)).isAfterOrEqualTo(throttledAt.plusSeconds(120));
    assertThat(scheduler.totals().throttled()).isEqualTo(1);
  }

  @Test
  void a429WithoutRetryAfterBacksOffOneTwoFourSeconds() {
    Duration interval = Duration.ofMillis(200);
    scripts.put(
        Path.of("/v/a"),
        n ->
            n <= 3
                ? new RefreshOutcome.Failed(
                    RemoteException.throttled("throttled", Optional.empty()))
                : new RefreshOutcome.Unchanged(Map.of()));
    scheduler.add(volume("/v/a", "v", interval), Map.of(), false);
    runFor(Duration.ofSeconds(10));
    List<Instant> at = pollTimes("/v/a");
    assertThat(Duration.between(at.get(0), at.get(1))).isBetween(secs(1), secs(1.2));
    assertThat(Duration.between(at.get(1), at.get(2))).isBetween(secs(2), secs(2.2));
    assertThat(Duration.between(at.get(2), at.get(3))).isBetween(secs(4), secs(4.2));
    assertThat(Duration.between(at.get(3), at.get(4)))
        .as("back to the interval")
        .isLessThan(secs(0.5));
  }

  private static Duration secs(double s) {
    return Duration.ofMillis(Math.round(s * 1000));
  }

  @Test
  void aRotationIsLoggedOncePerObjectWithOldAndNewVersionAndNoValue() {
    Path dir = Path.of("/v/a");
    scripts.put(
        dir,
        n ->
            new RefreshOutcome.Rotated(
                Map.of(DB, "v2"),
                List.of(new VersionChange(DB, Optional.of("v1"), "v2", List.of("db"))),
                1));
    scheduler.add(volume("/v/a", "vault-a", Duration.ofSeconds(10)), Map.of(DB, "v1"), false);
    runFor(Duration.ofSeconds(10));

    assertThat(log.named("rotation.rotated")).hasSize(1);
    EventRecorder.Event e = log.named("rotation.rotated").get(0);
    assertThat(e.field("object")).isEqualTo("secret/db");
    assertThat(e.field("old_version")).isEqualTo("v1");
    assertThat(e.field("new_version")).isEqualTo("v2");
    assertThat(e.field("dir")).isEqualTo("/v/a");
    VolumeStatus s = scheduler.status().get(0);
    assertThat(s.rotations()).isEqualTo(1);
    assertThat(s.lastRotation()).isPresent();
    assertThat(s.objects().get(0).version()).hasValue("v2");
    assertThat(log.text()).doesNotContain(RotationFixtures.CLIENT_SECRET);
  }

  @Test
  void aGoneVolumeIsNoLongerPolled() {
    scripts.put(Path.of("/v/a"), n -> new RefreshOutcome.Gone("not a mount point any more"));
    scheduler.add(volume("/v/a", "vault-a", Duration.ofSeconds(10)), Map.of(), false);
    runFor(Duration.ofMinutes(2));
    assertThat(pollTimes("/v/a")).hasSize(1);
    assertThat(scheduler.status()).isEmpty();
    assertThat(scheduler.nextWake()).isEmpty();
    assertThat(log.named("rotation.stopped").get(0).field("reason"))
        .isEqualTo("not a mount point any more");
  }

  @Test
  void stopEndsPollingAtOnce() {
    scheduler.add(volume("/v/a", "vault-a", Duration.ofSeconds(10)), Map.of(), false);
    runFor(Duration.ofSeconds(25));
    int before = pollTimes("/v/a").size();
    assertThat(scheduler.stop(Path.of("/v/a"), Duration.ofSeconds(1), "unmount")).isTrue();
    runFor(Duration.ofMinutes(5));
    assertThat(pollTimes("/v/a")).hasSize(before);
    assertThat(scheduler.stop(Path.of("/v/a"), Duration.ofSeconds(1), "unmount")).isFalse();
  }

  @Test
  void stopInterruptsAPollInFlightWhichThenWritesNothing() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    CountDownLatch inPoll = new CountDownLatch(1);
    AtomicBoolean activeAfterInterrupt = new AtomicBoolean(true);
    AtomicBoolean interrupted = new AtomicBoolean();
    VolumeRefresh blocking =
        (volume, known, active) -> {
          inPoll.countDown();
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            interrupted.set(true);
          }
          activeAfterInterrupt.set(active.getAsBoolean());
          return new RefreshOutcome.Failed(new LocalWriteException("interrupted"));
        };
    RotationScheduler s =
        new RotationScheduler(blocking, clock, new PollTiming(new Random(1)), log, pool);
    try {
      s.add(volume("/v/a", "vault-a", Duration.ofSeconds(10)), Map.of(), false);
      clock.advance(Duration.ofSeconds(11));
      s.runDue();
      assertThat(inPoll.await(30, TimeUnit.SECONDS)).isTrue();

      assertThat(s.stop(Path.of("/v/a"), Duration.ofSeconds(30), "unmount")).isTrue();

      assertThat(interrupted).isTrue();
      assertThat(activeAfterInterrupt).as("the poll sees it was stopped").isFalse();
      assertThat(s.status()).isEmpty();
      assertThat(log.named("rotation.failing")).as("a stopped poll is not a failure").isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aVolumeFoundAgainIsPolledSoonerThanAFreshMount() {
    scheduler.add(volume("/v/a", "vault-a", Duration.ofSeconds(100)), Map.of(), true);
    assertThat(scheduler.nextWake())
        .hasValueSatisfying(t -> assertThat(t).isBetween(T0.plusSeconds(5), T0.plusSeconds(100)));
    assertThat(scheduler.status().get(0).origin()).isEqualTo("discovered");
  }
}
