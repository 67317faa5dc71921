package io.kvflex.agent;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds every wait on a FIFO, so a launcher that died or stopped never pins an agent thread.
 *
 * <p>Opening a FIFO blocks until the other end opens too, and that open cannot be interrupted. If
 * the peer has not shown up in time, a timer opens the FIFO itself for reading and writing (which
 * never blocks on Linux and counts as both ends), the blocked open returns, and the caller is told
 * the peer is gone. Reads and writes go through {@link FileChannel}s, which a thread interrupt
 * closes, so {@link #interruptAfter} ends a read that waits too long.
 */
final class Timeouts {
  private final ScheduledExecutorService timer;

  Timeouts(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  /** The peer of a FIFO did not open its end in time (it died, or withdrew its call). */
  static final class PeerGone extends IOException {
    PeerGone(Path fifo) {
      super("nobody opened the other end of " + fifo.getFileName() + " in time");
    }
  }

  /**
   * Opens {@code fifo} for {@code mode} (READ or WRITE), waiting at most {@code timeout} for the
   * other end.
   *
   * @throws PeerGone when the other end did not open in time
   */
  FileChannel open(Path fifo, StandardOpenOption mode, Duration timeout) throws IOException {
    AtomicBoolean opened = new AtomicBoolean();
    AtomicBoolean poked = new AtomicBoolean();
    ScheduledFuture<?> poke =
        timer.schedule(
            () -> {
              if (!opened.get()) {
                poked.set(true);
                try (FileChannel both =
                    FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                  // Opening both ends releases the blocked open; nothing is read or written.
                } catch (IOException e) {
                  // The FIFO is gone: the blocked open has failed or will fail by itself.
                }
              }
            },
            timeout.toMillis(),
            TimeUnit.MILLISECONDS);
    FileChannel channel;
    try {
      channel = FileChannel.open(fifo, new OpenOption[] {mode});
    } finally {
      opened.set(true);
      poke.cancel(false);
    }
    if (poked.get()) {
      channel.close();
      throw new PeerGone(fifo);
    }
    return channel;
  }

  /**
   * Interrupts the calling thread after {@code timeout} unless the returned handle is closed first;
   * an interrupted {@link FileChannel} read fails at once (and closes the channel).
   */
  Armed interruptAfter(Duration timeout) {
    Thread thread = Thread.currentThread();
    AtomicBoolean armed = new AtomicBoolean(true);
    ScheduledFuture<?> task =
        timer.schedule(
            () -> {
              synchronized (armed) {
                if (armed.get()) {
                  thread.interrupt();
                }
              }
            },
            timeout.toMillis(),
            TimeUnit.MILLISECONDS);
    return () -> {
      synchronized (armed) {
        armed.set(false);
      }
      task.cancel(false);
      Thread.interrupted(); // an interrupt that came just before must not hit the next wait
    };
  }

  /** A pending interrupt; closing it cancels the interrupt. */
  interface Armed extends AutoCloseable {
    @Override
    void close();
  }
}
