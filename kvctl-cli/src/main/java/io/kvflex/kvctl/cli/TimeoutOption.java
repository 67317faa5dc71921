package io.kvflex.kvctl.cli;

import io.kvflex.kvctl.net.RunDeadline;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --timeout DURATION} of the network commands: when the run gives up. Every network wait of
 * the run (connecting, tokens, each call, retries and their pauses) ends by then ({@link
 * RunDeadline}).
 */
public final class TimeoutOption {
  /** Without {@code --timeout}: the driver's default volume timeout. */
  public static final Duration DEFAULT = Duration.ofSeconds(60);

  @Option(
      names = "--timeout",
      order = 4,
      paramLabel = "DURATION",
      converter = TimeoutConverter.class,
      description =
          "Give up after DURATION, 5s to 10m (e.g. 20s, 2m, 1m30s): no network wait of the run"
              + " (connecting, tokens, calls, retries) goes past it. Default: 60s (fetch: each"
              + " volume's timeout option, else 60s).")
  Duration timeout;

  /** The given {@code --timeout}, if any. */
  public Optional<Duration> given() {
    return Optional.ofNullable(timeout);
  }

  /** The run's deadline from now: {@code --timeout}, else {@code otherwise}. */
  public RunDeadline deadline(Clock clock, Duration otherwise) {
    return RunDeadline.after(clock, given().orElse(otherwise));
  }
}
