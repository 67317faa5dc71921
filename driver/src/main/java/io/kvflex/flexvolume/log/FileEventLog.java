package io.kvflex.flexvolume.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The driver log on the node ({@code /var/log/kv-driver.log}, or env {@code KVFLEX_LOG_FILE}): mode
 * 0600, appended one line per write (O_APPEND, so concurrent kubelet calls do not interleave inside
 * a line), rotated to {@code .1 .. .N} when it grows past a size bound. Logging must never break a
 * mount or write to stdout/stderr, so every I/O failure is swallowed.
 */
public final class FileEventLog implements EventLog {
  public static final Path DEFAULT_PATH = Path.of("/var/log/kv-driver.log");
  public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;
  public static final int DEFAULT_KEEP = 3;
  private static final Duration RETRY_AFTER = Duration.ofMinutes(1);

  /** {@code KVFLEX_LOG_FILE=/dev/null}: no log (the device is never opened or changed). */
  public static final Path NO_LOG = Path.of("/dev/null");

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final Path file;
  private final long maxBytes;
  private final int keep;
  private final Clock clock;
  private final long pid;
  private final Redactor redactor = new Redactor();

  /** The one thread that touches the channel; a daemon that ends when idle. */
  private final ExecutorService writer =
      new ThreadPoolExecutor(
          0,
          1,
          1,
          TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(),
          runnable -> {
            Thread t = new Thread(runnable, "kvflex-log");
            t.setDaemon(true);
            return t;
          });

  private FileChannel channel;
  private Object openedFile;

  /** Until then lines are dropped (the file failed); guarded by this log's monitor. */
  private Instant brokenUntil = Instant.MIN;

  public FileEventLog(Path file, long maxBytes, int keep, Clock clock, long pid) {
    this.file = file;
    this.maxBytes = maxBytes;
    this.keep = keep;
    this.clock = clock;
    this.pid = pid;
  }

  /** The log the environment asks for: {@code KVFLEX_LOG_FILE}, else the legacy path. */
  public static FileEventLog fromEnvironment(Map<String, String> env, Clock clock, long pid) {
    String override = env.getOrDefault("KVFLEX_LOG_FILE", "");
    Path path = override.isBlank() ? DEFAULT_PATH : Path.of(override);
    return new FileEventLog(path, DEFAULT_MAX_BYTES, DEFAULT_KEEP, clock, pid);
  }

  public Path file() {
    return file;
  }

  @Override
  public Redactor redactor() {
    return redactor;
  }

  /**
   * Writes one line, and returns once it is written. Interrupts cannot silence the log: a failed
   * fetch cancels its siblings, and an interrupt pending on (or arriving at) a thread that writes
   * to an interruptible {@link FileChannel} closes that channel for good. So callers never touch
   * the channel: the line is handed to the log's own writer thread, which nothing interrupts, and
   * the caller waits for it uninterruptibly (its interrupt status stays as it was).
   */
  @Override
  public void log(Level level, String event, Object... fields) {
    writeLine(
        redactor.redact(LogLine.format(clock.instant(), pid, level, event, fields, redactor)));
  }

  /**
   * A log of one call of a long-lived process (the node agent): the same file, but its own {@link
   * Redactor}, so the secrets one call learns are masked in its lines and forgotten with it instead
   * of piling up for the life of the process.
   */
  public EventLog scoped() {
    Redactor callRedactor = new Redactor();
    return new EventLog() {
      @Override
      public void log(Level level, String event, Object... fields) {
        Redactor both = Redactor.union(callRedactor, redactor);
        writeLine(both.redact(LogLine.format(clock.instant(), pid, level, event, fields, both)));
      }

      @Override
      public Redactor redactor() {
        return callRedactor;
      }
    };
  }

  private synchronized void writeLine(String line) {
    if (clock.instant().isBefore(brokenUntil)) {
      return;
    }
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      CompletableFuture.runAsync(() -> write(bytes), writer).join();
    } catch (RuntimeException e) {
      // The writer thread could not be started or the write failed unexpectedly.
      brokenUntil = clock.instant().plus(RETRY_AFTER);
    }
  }

  /** On the writer thread, holding this log's monitor through the caller. */
  private void write(byte[] bytes) {
    try {
      append(bytes);
    } catch (IOException | RuntimeException e) {
      // No stderr to complain to (the kubelet reads it); stop trying for a while (a kubelet call
      // ends long before; the node agent tries again later).
      brokenUntil = clock.instant().plus(RETRY_AFTER);
      closeChannel(); // not close(): the caller waiting for this thread holds the monitor
    }
  }

  private void append(byte[] bytes) throws IOException {
    FileChannel out = open();
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      out.write(buffer);
    }
  }

  private FileChannel open() throws IOException {
    if (channel == null) {
      if (file.equals(NO_LOG)) {
        // "/dev/null" means no log: never opened, never touched.
        throw new IOException("logging disabled");
      }
      rotateIfLarge();
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      channel = openConfined();
      openedFile = fileKey();
    } else if (channel.size() > maxBytes || !openedFile.equals(fileKey())) {
      // Too large, or another process (a kubelet call next to the node agent) rotated it.
      channel.close();
      channel = null;
      return open();
    }
    return channel;
  }

  /**
   * Opens the log without following a link, only as a regular file, and never changes the mode of a
   * file it did not create: a new log is created 0600 (exclusively); an existing one that others
   * may read (the legacy driver's 0644 log) is rotated aside, keeping its lines and its mode, and a
   * fresh private log is created in its place. A symbolic link, a device, a FIFO or a directory at
   * the path means no log at all (they are not even opened: opening a FIFO would block).
   */
  private FileChannel openConfined() throws IOException {
    BasicFileAttributes existing = lstat(file);
    if (existing != null && !existing.isRegularFile()) {
      throw new IOException(file + " is not a regular file");
    }
    if (existing != null && !privateMode(file)) {
      rotate();
      existing = null;
    }
    if (existing == null) {
      try {
        return FileChannel.open(
            file,
            Set.<OpenOption>of(
                StandardOpenOption.CREATE_NEW,
                StandardOpenOption.APPEND,
                LinkOption.NOFOLLOW_LINKS),
            PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } catch (FileAlreadyExistsException e) {
        // created concurrently by another driver process: append to it below
      }
    }
    FileChannel opened =
        FileChannel.open(file, StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);
    BasicFileAttributes after = lstat(file);
    if (after == null || !after.isRegularFile()) {
      opened.close();
      throw new IOException(file + " is not a regular file");
    }
    return opened;
  }

  private static boolean privateMode(Path path) throws IOException {
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
    return perms.stream().allMatch(p -> p.name().startsWith("OWNER_"));
  }

  /** The identity (device, inode) of the file now at the log's path; "none" when absent. */
  private Object fileKey() {
    try {
      BasicFileAttributes attrs = lstat(file);
      return attrs == null || attrs.fileKey() == null ? "none" : attrs.fileKey();
    } catch (IOException e) {
      return "none";
    }
  }

  private static BasicFileAttributes lstat(Path path) throws IOException {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** Shifts {@code log.(k-1)} to {@code log.k}, then {@code log} to {@code log.1}, when large. */
  private void rotateIfLarge() throws IOException {
    BasicFileAttributes attrs = lstat(file);
    if (attrs == null || !attrs.isRegularFile() || attrs.size() <= maxBytes) {
      return;
    }
    rotate();
  }

  /** Renames (never follows or rewrites) each generation, oldest first. */
  private void rotate() throws IOException {
    for (int k = keep; k >= 1; k--) {
      Path from = k == 1 ? file : sibling(k - 1);
      if (Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
        Files.move(from, sibling(k), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private Path sibling(int k) {
    return file.resolveSibling(file.getFileName() + "." + k);
  }

  /** Closes the file (the JVM exits right after the driver answers; tests call this). */
  public synchronized void close() {
    closeChannel();
  }

  private void closeChannel() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing useful to do
      }
      channel = null;
    }
  }
}
