package io.kvflex.kvctl.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One live line on standard error saying what a network command is waiting for, with a spinner and
 * the seconds spent ({@code / fetching 2 objects from vault demo-kv (12 s of 60 s)}), redrawn in
 * place and erased when done. Drawn only when standard error is a terminal ({@link
 * CliContext#statusLine()}); otherwise every call does nothing, so logs and pipes stay clean.
 */
public final class StatusLine implements AutoCloseable {
  private static final char[] SPINNER = {'|', '/', '-', '\\'};

  private final PrintStream err;
  private final Clock clock;
  private final ScheduledExecutorService ticker;
  private String text;
  private Instant since;
  private Duration limit;
  private int frame;
  private boolean drawn;

  private StatusLine(PrintStream err, Clock clock, boolean live) {
    this.err = err;
    this.clock = clock;
    this.ticker =
        live
            ? Executors.newSingleThreadScheduledExecutor(
                r -> {
                  Thread t = new Thread(r, "kvctl-status");
                  t.setDaemon(true);
                  return t;
                })
            : null;
    if (ticker != null) {
      ticker.scheduleAtFixedRate(this::redraw, 250, 250, TimeUnit.MILLISECONDS);
    }
  }

  /** A status line on {@code ctx}'s standard error, live only on a terminal. */
  public static StatusLine on(CliContext ctx, Clock clock) {
    return new StatusLine(ctx.err(), clock, ctx.statusLine());
  }

  /** Shows {@code what} (a phase), timed from now, optionally against a {@code limit}. */
  public synchronized void phase(String what, Duration limit) {
    this.text = what;
    this.since = clock.instant();
    this.limit = limit;
    if (ticker != null) {
      draw();
    }
  }

  /** Erases the line so ordinary output follows on a clean line. */
  public synchronized void clear() {
    text = null;
    if (ticker != null && drawn) {
      err.print("\r\u001b[K");
      err.flush();
      drawn = false;
    }
  }

  private synchronized void redraw() {
    if (text != null) {
      draw();
    }
  }

  private void draw() {
    long s = Duration.between(since, clock.instant()).toSeconds();
    String time = limit == null ? s + " s" : s + " s of " + limit.toSeconds() + " s";
    err.print("\r\u001b[K" + SPINNER[frame++ % SPINNER.length] + " " + text + " (" + time + ")");
    err.flush();
    drawn = true;
  }

  @Override
  public void close() {
    clear();
    if (ticker != null) {
      ticker.shutdownNow();
    }
  }
}
