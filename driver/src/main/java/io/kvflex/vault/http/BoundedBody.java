package io.kvflex.vault.http;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.json.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads one answer's body into memory, within limits: at most {@link #MAX_BYTES} (refused while
 * reading, never after buffering), no longer than the mount deadline, and with no gap between bytes
 * longer than the idle limit. Key Vault answers are small and arrive at once, so a body that stops
 * short, stalls, or (for a success) is not well-formed JSON is a {@link BodyFailure}, which retry
 * policies treat like a connection reset.
 *
 * <p>Why a watchdog: a blocked read on the JDK HTTP client's body stream returns only when bytes
 * arrive or the stream is closed; a peer that sends TLS close_notify but keeps the TCP connection
 * open, or goes silent mid-body, would otherwise hold the read until the connection dies. Closing
 * the stream from the watchdog thread ends the read at once.
 */
public final class BoundedBody {
  /**
   * Largest answer body accepted: 256 KiB, ten times Key Vault's largest object (a secret value is
   * at most 25 KB; keys and certificates answer a few KB) and above the worst JSON escaping of such
   * a secret, while a volume of many objects still fits a small heap.
   */
  public static final int MAX_BYTES = 256 * 1024;

  /** Longest silence between body bytes before the body counts as stalled. */
  public static final Duration DEFAULT_IDLE = Duration.ofSeconds(5);

  private final Deadline deadline;
  private final int maxBytes;
  private final Duration idle;
  private final HttpThreads threads;
  private final MemoryBudget.Hold memory;

  public BoundedBody(Deadline deadline, int maxBytes, Duration idle, HttpThreads threads) {
    this(deadline, maxBytes, idle, threads, MemoryBudget.unbounded().open());
  }

  /**
   * @param memory the call's share of its process's {@link MemoryBudget}, charged with every body
   *     as it is read (times {@link MemoryBudget#EXPANSION})
   */
  public BoundedBody(
      Deadline deadline,
      int maxBytes,
      Duration idle,
      HttpThreads threads,
      MemoryBudget.Hold memory) {
    this.deadline = Objects.requireNonNull(deadline);
    this.maxBytes = maxBytes;
    this.idle = Objects.requireNonNull(idle);
    this.threads = Objects.requireNonNull(threads);
    this.memory = Objects.requireNonNull(memory);
  }

  /** The default limits ({@link #MAX_BYTES}, {@link #DEFAULT_IDLE}). */
  public static BoundedBody of(Deadline deadline, HttpThreads threads) {
    return new BoundedBody(deadline, MAX_BYTES, DEFAULT_IDLE, threads);
  }

  public int maxBytes() {
    return maxBytes;
  }

  /**
   * The whole body of {@code in}.
   *
   * @param announced the Content-Length, or -1
   * @param connection closed by the watchdog to end a read that must stop (may be {@code in})
   * @throws BodyFailure when the body breaks off, stalls or outlives the deadline
   * @throws ResponseTooLarge when it is (or is announced to be) larger than the limit
   * @throws MemoryBudgetExceeded when the call's memory budget cannot hold it
   */
  public byte[] read(InputStream in, long announced, Closeable connection) throws IOException {
    if (announced > maxBytes) {
      closeQuietly(connection);
      throw new ResponseTooLarge(maxBytes, announced);
    }
    // Charged before the bytes are buffered: an announced length at once, the rest as it arrives.
    long charged = Math.max(0, announced);
    chargeOrClose(charged, connection);
    ByteArrayOutputStream out = new ByteArrayOutputStream(announced > 0 ? (int) announced : 1024);
    byte[] buffer = new byte[8192];
    long total = 0;
    while (true) {
      boolean deadlineFirst = deadline.remaining().compareTo(idle) <= 0;
      AtomicReference<BodyFailure.Kind> fired = new AtomicReference<>();
      BodyFailure.Kind reason =
          deadlineFirst ? BodyFailure.Kind.DEADLINE : BodyFailure.Kind.STALLED;
      ScheduledFuture<?> alarm =
          threads.closeAfter(deadline.cap(idle), connection, () -> fired.set(reason));
      int n;
      try {
        n = in.read(buffer);
      } catch (IOException | UncheckedIOException e) {
        BodyFailure.Kind kind = fired.get() != null ? fired.get() : BodyFailure.Kind.BROKEN;
        throw new BodyFailure(kind, total, announced, e);
      } finally {
        alarm.cancel(false);
      }
      if (fired.get() != null) {
        // The alarm went off just as the read returned: the stream is closed now.
        throw new BodyFailure(fired.get(), total, announced, null);
      }
      if (n < 0) {
        break;
      }
      total += n;
      if (total > maxBytes) {
        closeQuietly(connection);
        throw new ResponseTooLarge(maxBytes, -1);
      }
      if (total > charged) {
        chargeOrClose(total - charged, connection);
        charged = total;
      }
      out.write(buffer, 0, n);
    }
    if (announced >= 0 && total < announced) {
      throw new BodyFailure(BodyFailure.Kind.BROKEN, total, announced, null);
    }
    return out.toByteArray();
  }

  private void chargeOrClose(long bytes, Closeable connection) {
    try {
      memory.charge(bytes * MemoryBudget.EXPANSION, deadline);
    } catch (MemoryBudgetExceeded e) {
      closeQuietly(connection);
      throw e;
    }
  }

  /** Throws a {@link BodyFailure} unless {@code body} is one well-formed JSON value. */
  public static void requireJson(byte[] body) throws BodyFailure {
    if (!isJson(body)) {
      throw new BodyFailure(BodyFailure.Kind.MALFORMED, body.length, body.length, null);
    }
  }

  static boolean isJson(byte[] body) {
    if (body.length == 0) {
      return false;
    }
    try (JsonReader reader = JsonProviders.createReader(body)) {
      JsonToken first = reader.nextToken();
      if (first == null || first == JsonToken.END_DOCUMENT) {
        return false;
      }
      reader.skipChildren();
      JsonToken after = reader.nextToken();
      return after == null || after == JsonToken.END_DOCUMENT;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** {@code 256 KiB}, {@code 3.2 MiB}, {@code 900 bytes}. */
  public static String describeBytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    if (bytes < 1024 * 1024) {
      return trim(bytes / 1024.0) + " KiB";
    }
    return trim(bytes / (1024.0 * 1024.0)) + " MiB";
  }

  private static String trim(double v) {
    String s = String.format(java.util.Locale.ROOT, "%.1f", v);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }

  private static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException | RuntimeException e) {
      // nothing more to release
    }
  }
}
