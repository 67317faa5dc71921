package io.kvflex.vault.http;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads one mount's HTTP calls run on: daemon threads that end when idle, so a call still
 * waiting on a dead peer never keeps the process alive after the driver has answered. Handed to the
 * JDK HTTP client and to azure-identity/MSAL in place of azure-core's shared executor, whose JVM
 * shutdown hook waits up to 5 s for in-flight work; and a watchdog that closes a response stream
 * when its read must end (idle limit or mount deadline).
 */
public final class HttpThreads {
  private static final long IDLE_SECONDS = 5;

  private final ExecutorService executor;
  private final ScheduledThreadPoolExecutor watchdog;

  public HttpThreads() {
    this.executor =
        new java.util.concurrent.ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            IDLE_SECONDS,
            TimeUnit.SECONDS,
            new java.util.concurrent.SynchronousQueue<>(),
            daemon("kvflex-http"));
    this.watchdog = new ScheduledThreadPoolExecutor(1, daemon("kvflex-http-watchdog"));
    watchdog.setRemoveOnCancelPolicy(true);
    watchdog.setKeepAliveTime(IDLE_SECONDS, TimeUnit.SECONDS);
    watchdog.allowCoreThreadTimeOut(true);
  }

  /** Runs HTTP client and token library work on daemon threads. */
  public ExecutorService executor() {
    return executor;
  }

  /** Closes {@code target} after {@code delay} unless the returned alarm is cancelled first. */
  ScheduledFuture<?> closeAfter(Duration delay, Closeable target, Runnable beforeClose) {
    return watchdog.schedule(
        () -> {
          beforeClose.run();
          try {
            target.close();
          } catch (IOException | RuntimeException e) {
            // closing is all the watchdog can do; the reader sees the stream fail either way
          }
        },
        Math.max(1, delay.toMillis()),
        TimeUnit.MILLISECONDS);
  }

  static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return runnable -> {
      Thread t = new Thread(runnable, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public String toString() {
    return "HttpThreads[" + executor.getClass().getSimpleName() + "]";
  }
}
