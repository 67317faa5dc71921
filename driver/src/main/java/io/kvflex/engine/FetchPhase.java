package io.kvflex.engine;

import io.kvflex.errors.BugException;
import io.kvflex.errors.CauseTrail;
import io.kvflex.errors.KvflexException;
import io.kvflex.errors.OutOfMemory;
import io.kvflex.errors.RemoteException;
import io.kvflex.flexvolume.log.EventLog;
import io.kvflex.options.MountRequest;
import io.kvflex.options.VaultObjectSpec;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import io.kvflex.vault.VaultClient;
import io.kvflex.vault.VaultObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches every distinct object of a mount in parallel on a small pool, through one client (one
 * token), within the mount's deadline. A hung vault or identity endpoint makes the objects still
 * pending fail with a message naming them; the pool's threads are daemons and are interrupted. The
 * {@link FailurePolicy} decides whether the first failure ends the phase or every object is tried.
 */
final class FetchPhase {
  /**
   * Requests in flight at once for a process that starts cold (the in-process driver): 8 beat 4 in
   * bench/results/cold-steps.txt, the handshakes notwithstanding.
   */
  static final int MAX_PARALLEL = 8;

  /**
   * For a long-lived process (the node agent): its connections stay open between mounts, so more
   * requests in flight cost no handshake and a 10-object volume needs fewer round trips.
   */
  static final int MAX_PARALLEL_WARM = 8;

  /** One object's fetch: the object, or (under {@link FailurePolicy#EVERY_OBJECT}) why not. */
  record Fetched(Optional<VaultObject> object, Optional<KvflexException> failure) {
    Fetched {
      Objects.requireNonNull(object);
      Objects.requireNonNull(failure);
    }

    static Fetched of(VaultObject object) {
      return new Fetched(Optional.of(object), Optional.empty());
    }

    static Fetched failed(KvflexException failure) {
      return new Fetched(Optional.empty(), Optional.of(failure));
    }
  }

  private final VaultAccess vaults;
  private final EventLog log;
  private final Clock clock;
  private final int maxParallel;

  FetchPhase(VaultAccess vaults, EventLog log, Clock clock) {
    this(vaults, log, clock, MAX_PARALLEL);
  }

  FetchPhase(VaultAccess vaults, EventLog log, Clock clock, int maxParallel) {
    this.vaults = vaults;
    this.log = log;
    this.clock = clock;
    this.maxParallel = maxParallel;
  }

  /** Every distinct object of {@code request}, by reference. */
  Map<ObjectRef, Fetched> fetchAll(MountRequest request, Instant deadline, FailurePolicy policy) {
    Set<ObjectRef> refs = new LinkedHashSet<>();
    for (VaultObjectSpec spec : request.objects()) {
      refs.add(spec.ref());
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.max(1, Math.min(maxParallel, refs.size())), daemon());
    try {
      Future<VaultClient> opening = pool.submit(() -> vaults.open(request, deadline));
      VaultClient client = awaitClient(opening, request, deadline);
      CompletionService<VaultObject> done = new ExecutorCompletionService<>(pool);
      Map<Future<VaultObject>, ObjectRef> pending = new LinkedHashMap<>();
      for (ObjectRef ref : refs) {
        pending.put(done.submit(() -> fetchOne(client, ref)), ref);
      }
      Map<ObjectRef, Fetched> fetched = new LinkedHashMap<>();
      while (!pending.isEmpty()) {
        Future<VaultObject> next = done.poll(remainingMillis(deadline), TimeUnit.MILLISECONDS);
        if (next == null) {
          if (policy == FailurePolicy.FIRST_FAILURE) {
            throw timedOut(request, new ArrayList<>(pending.values()));
          }
          for (ObjectRef ref : pending.values()) {
            fetched.put(ref, Fetched.failed(timedOut(request, List.of(ref))));
          }
          break;
        }
        ObjectRef ref = pending.remove(next);
        try {
          fetched.put(ref, Fetched.of(next.get()));
        } catch (ExecutionException e) {
          KvflexException failure = Failures.about(ref, "fetch", e.getCause());
          if (policy == FailurePolicy.FIRST_FAILURE) {
            throw failure;
          }
          fetched.put(ref, Fetched.failed(failure));
        }
      }
      return fetched;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RemoteException(
          "the mount was interrupted while fetching from vault " + request.vaultName());
    } finally {
      pool.shutdownNow();
    }
  }

  private VaultObject fetchOne(VaultClient client, ObjectRef ref) {
    Instant start = clock.instant();
    try {
      VaultObject object = client.fetch(ref);
      log.info(
          "fetch.done",
          "type",
          ref.type().optionValue(),
          "name",
          ref.name(),
          "requested",
          ref.version().orElse("latest"),
          "version",
          object.version(),
          "duration_ms",
          Duration.between(start, clock.instant()).toMillis());
      return object;
    } catch (RuntimeException e) {
      log.warn(
          "fetch.failed",
          "type",
          ref.type().optionValue(),
          "name",
          ref.name(),
          "requested",
          ref.version().orElse("latest"),
          "duration_ms",
          Duration.between(start, clock.instant()).toMillis(),
          "error",
          e.getClass().getSimpleName(),
          "cause",
          String.valueOf(e.getMessage()),
          "trail",
          CauseTrail.find(e));
      throw e;
    }
  }

  private VaultClient awaitClient(
      Future<VaultClient> opening, MountRequest request, Instant deadline)
      throws InterruptedException {
    try {
      return opening.get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw timedOut(request, List.of());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof KvflexException k) {
        throw k;
      }
      if (e.getCause() instanceof OutOfMemoryError) {
        throw OutOfMemory.during("open vault " + request.vaultName());
      }
      throw new BugException(
          "could not set up access to vault "
              + request.vaultName()
              + ": unexpected "
              + e.getCause().getClass().getSimpleName()
              + "; this is a kvflex defect, the details are in the driver log",
          e.getCause());
    }
  }

  private long remainingMillis(Instant deadline) {
    return Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
  }

  private static RemoteException timedOut(MountRequest request, List<ObjectRef> pending) {
    String what =
        pending.isEmpty()
            ? "getting a token as " + request.identity().describe() + " for vault "
            : "waiting for "
                + String.join(", ", pending.stream().map(ObjectRef::describe).toList())
                + " from vault ";
    return new RemoteException(
        "timed out after "
            + request.timeout().toSeconds()
            + "s "
            + what
            + request.vaultName()
            + "; check that the node can reach the vault and the identity endpoint, or raise the"
            + " timeout option");
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return runnable -> {
      Thread t = new Thread(runnable, "kvflex-fetch");
      t.setDaemon(true);
      return t;
    };
  }
}
