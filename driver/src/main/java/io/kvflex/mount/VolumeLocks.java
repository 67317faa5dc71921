package io.kvflex.mount;

import io.kvflex.errors.BugException;
import io.kvflex.errors.LocalWriteException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Serialises every mount and unmount of one volume, across processes, mount namespaces and the
 * threads of one JVM. Two layers, always taken in this order:
 *
 * <ol>
 *   <li>an in-process permit per lock file, because {@code fcntl} locks belong to the process: two
 *       threads of one JVM would both "hold" the file lock, and closing any descriptor of the file
 *       drops the process's lock. The permits are the one piece of process-wide state in the
 *       driver, on purpose: they must be exactly as wide as what the kernel's lock covers (the
 *       process), or two instances in one JVM could release each other's host lock;
 *   <li>an {@code fcntl} write lock ({@link FileChannel#tryLock()}) on {@code <run
 *       dir>/locks/<stripe>.lock}: a host lock every process that sees the run directory shares
 *       (the in-process driver and a node agent in a pod with the run directory mounted), which the
 *       kernel releases when its holder dies, so a crash can never leave it stuck.
 * </ol>
 *
 * A volume's key (pod uid and volume name) is hashed into one of {@value #STRIPES} stripes: the set
 * of lock files stays bounded over the node's life (they are never deleted, so no process can lock
 * a file another one just unlinked), at the cost of rarely serialising two unrelated volumes.
 * Waiting is bounded by a deadline; a holder that lost its lock (its thread was interrupted, which
 * closes the channel) is told so by {@link Held#ensureValid()} before any mount-table change.
 */
public final class VolumeLocks {
  static final int STRIPES = 4096;
  private static final String OTHER_VOLUME_CALL = "another mount or unmount of ";
  private static final Duration FIRST_POLL = Duration.ofMillis(20);
  private static final Duration MAX_POLL = Duration.ofMillis(250);
  private static final Set<OpenOption> OPEN =
      Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
  private static final FileAttribute<?> PRIVATE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  /** One permit per lock file (real path) for the whole process; see the class comment. */
  private static final ConcurrentMap<String, Semaphore> PROCESS_PERMITS = new ConcurrentHashMap<>();

  private final RunDir runDir;
  private final Clock clock;

  public VolumeLocks(RunDir runDir, Clock clock) {
    this.runDir = runDir;
    this.clock = clock;
  }

  /** The stripe of a volume key: three hex digits of its SHA-256. */
  public static String stripeOf(String key) {
    return sha256Hex(key).substring(0, 3);
  }

  /** The SHA-256 of {@code text} (UTF-8), in lower-case hex. */
  static String sha256Hex(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new BugException("SHA-256 is missing from the Java runtime", e);
    }
  }

  /**
   * Waits until the lock of {@code key} is held, or fails once {@code deadline} has passed.
   *
   * @param what the volume, for the message when the wait times out
   */
  public Held acquire(String key, Instant deadline, String what) {
    String stripe = stripeOf(key);
    return acquire(stripe, lockFile(stripe), deadline, OTHER_VOLUME_CALL + what, what);
  }

  /**
   * Waits for the node-wide lock {@code name} ({@code <run dir>/locks/<name>.lock}, for work that
   * is not one volume's, such as the adoption of legacy volumes), or fails once {@code deadline}
   * has passed. Its name is never a stripe's, so it never excludes a volume's lock.
   *
   * @param what the work, for the message when the wait times out
   */
  public Held acquireNamed(String name, Instant deadline, String what) {
    if (!name.matches("[a-z][a-z-]{3,31}")) {
      throw new BugException("not a lock name: " + name);
    }
    return acquire(name, lockFile(name), deadline, "another " + what, what);
  }

  private Held acquire(String name, Path file, Instant deadline, String busy, String what) {
    Semaphore permit = permit(file);
    Instant start = clock.instant();
    try {
      if (!permit.tryAcquire(Math.max(0, remainingMillis(deadline)), TimeUnit.MILLISECONDS)) {
        throw busy(busy, start);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalWriteException("interrupted while waiting for the lock of " + what, e);
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, OPEN, PRIVATE);
      Duration poll = FIRST_POLL;
      while (true) {
        FileLock lock = channel.tryLock();
        if (lock != null) {
          return new Held(name, file, permit, channel, lock);
        }
        long left = remainingMillis(deadline);
        if (left <= 0) {
          throw busy(busy, start);
        }
        Thread.sleep(Math.min(poll.toMillis(), left));
        poll = poll.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : poll.multipliedBy(2);
      }
    } catch (IOException | OverlappingFileLockException e) {
      release(channel, permit);
      throw new LocalWriteException("could not lock " + what + " with " + file + ": " + e, e);
    } catch (InterruptedException e) {
      release(channel, permit);
      Thread.currentThread().interrupt();
      throw new LocalWriteException("interrupted while waiting for the lock of " + what, e);
    } catch (RuntimeException e) {
      release(channel, permit);
      throw e;
    }
  }

  /** The lock of {@code stripe} if nobody holds it right now (leftover cleanup), else empty. */
  public Optional<Held> tryAcquireStripe(String stripe) {
    Path file = lockFile(stripe);
    Semaphore permit = permit(file);
    if (!permit.tryAcquire()) {
      return Optional.empty();
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, OPEN, PRIVATE);
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return Optional.of(new Held(stripe, file, permit, channel, lock));
      }
    } catch (IOException | RuntimeException e) {
      // Busy or broken: the caller's own lock reports a broken run directory.
    }
    release(channel, permit);
    return Optional.empty();
  }

  private Path lockFile(String name) {
    if (!name.matches("[0-9a-f]{3}|[a-z][a-z-]{3,31}")) {
      throw new BugException("not a lock stripe or name: " + name);
    }
    Path locks = runDir.locks();
    try {
      // One permit per file, whatever path spelling reached it.
      return locks.toRealPath().resolve(name + ".lock");
    } catch (IOException e) {
      throw new LocalWriteException("cannot resolve the lock directory " + locks + ": " + e, e);
    }
  }

  private static Semaphore permit(Path lockFile) {
    return PROCESS_PERMITS.computeIfAbsent(lockFile.toString(), f -> new Semaphore(1));
  }

  private long remainingMillis(Instant deadline) {
    return Duration.between(clock.instant(), deadline).toMillis();
  }

  private LocalWriteException busy(String other, Instant start) {
    return new LocalWriteException(
        other
            + " is still running (it holds the lock under "
            + runDir.root()
            + "); gave up after "
            + Duration.between(start, clock.instant()).toSeconds()
            + "s; "
            + (other.startsWith(OTHER_VOLUME_CALL) ? "the kubelet will retry" : "try again"));
  }

  private static void release(FileChannel channel, Semaphore permit) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // closing releases the lock anyway
      }
    }
    permit.release();
  }

  /** A held volume lock; {@link #close()} releases the file lock, then the in-process permit. */
  public static final class Held implements AutoCloseable {
    private final String stripe;
    private final Path file;
    private final Semaphore permit;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean closed;

    private Held(String stripe, Path file, Semaphore permit, FileChannel channel, FileLock lock) {
      this.stripe = stripe;
      this.file = file;
      this.permit = permit;
      this.channel = channel;
      this.lock = lock;
    }

    public String stripe() {
      return stripe;
    }

    /** Throws unless the file lock is still held (an interrupt closes the channel and drops it). */
    public synchronized void ensureValid() {
      if (closed || !lock.isValid()) {
        throw new LocalWriteException(
            "the volume lock "
                + file
                + " was lost (the thread was interrupted); nothing more is changed, the kubelet"
                + " will retry");
      }
    }

    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      release(channel, permit);
    }
  }
}
