package io.kvflex.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Ends the JDK HTTP clients' selector threads before the process exits. The JVM's exit waits up to
 * 300 ms for every thread that is in native code, and a {@code java.net.http.HttpClient} keeps one
 * thread ({@code HttpClient-<n>-SelectorManager}) in {@code epoll_wait} for as long as the client
 * lives; JDK 17 has no {@code HttpClient.close()}. Interrupting that thread makes it close its
 * connections and end, so a process exits right after its work instead of 0.3 s later
 * (bench/mount-latency.sh, docs/benchmarks.md). For the entry points only, right before {@code
 * System.exit} (the driver's after its answer is written, kvctl's after the command returned):
 * nothing needs the connections any more. Here in the engine because the engine and {@link
 * AzureClients} make the HTTP clients of both.
 */
public final class HttpSelectors {
  /**
   * How long an exit waits for the selector threads to end: they end within milliseconds of the
   * interrupt; the bound only matters on a stalled machine, and is below the 0.3 s it saves.
   */
  public static final Duration EXIT_WAIT = Duration.ofMillis(200);

  private static final String PREFIX = "HttpClient-";
  private static final String SUFFIX = "-SelectorManager";

  private HttpSelectors() {}

  /**
   * Interrupts every live selector thread of a JDK HTTP client and waits at most {@code wait} in
   * all for them to end; returns how many were still alive then.
   */
  public static int stopAll(Duration wait) {
    return stop(selectorThreads(), wait);
  }

  /** Interrupts {@code selectors} and waits at most {@code wait} in all for them to end. */
  static int stop(List<Thread> selectors, Duration wait) {
    selectors.forEach(Thread::interrupt);
    long until = System.nanoTime() + wait.toNanos();
    int alive = 0;
    for (Thread t : selectors) {
      long left = until - System.nanoTime();
      try {
        if (left > 0) {
          t.join(Math.max(1, left / 1_000_000));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (t.isAlive()) {
        alive++;
      }
    }
    return alive;
  }

  /** The live selector threads of JDK HTTP clients in this JVM. */
  static List<Thread> selectorThreads() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] all = new Thread[root.activeCount() + 16];
    int n = root.enumerate(all, true);
    List<Thread> out = new ArrayList<>();
    for (Thread t : Arrays.asList(all).subList(0, n)) {
      String name = t.getName();
      if (name.startsWith(PREFIX) && name.endsWith(SUFFIX)) {
        out.add(t);
      }
    }
    return out;
  }
}
