package io.kvflex.kvctl.demo;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Numbered steps with their duration, so a newcomer sees what happens while it happens. */
final class Progress {
  private final PrintStream out;
  private final Clock clock;
  private final int steps;
  private final Instant start;
  private int step;
  private Instant stepStart;
  private boolean lineOpen;

  Progress(PrintStream out, Clock clock, int steps) {
    this.out = out;
    this.clock = clock;
    this.steps = steps;
    this.start = clock.instant();
  }

  /** Starts a step: prints {@code [n/N] what… } without a line end. */
  void begin(String what) {
    step++;
    stepStart = clock.instant();
    out.print("[" + step + "/" + steps + "] " + what + "… ");
    out.flush();
    lineOpen = true;
  }

  /** Ends the current step's line with a result and the step's duration. */
  void done(String result) {
    String took = " (" + seconds(Duration.between(stepStart, clock.instant())) + ")";
    out.println((lineOpen ? "" : "      → ") + result + took);
    lineOpen = false;
  }

  /** An indented detail line under the current step (ends the step's first line if open). */
  void detail(String line) {
    if (lineOpen) {
      out.println();
      lineOpen = false;
    }
    out.println("      " + line);
  }

  String total() {
    return seconds(Duration.between(start, clock.instant()));
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
