package io.kvflex.kvctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.kvctl.CliContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The live line of network commands: drawn on a terminal's stderr only, erased when done. */
class StatusLineTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  private CliContext ctx(boolean errTerminal, Map<String, String> env) {
    return new CliContext(
        new ByteArrayInputStream(new byte[0]),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        env,
        Path.of("."),
        false,
        errTerminal);
  }

  @Test
  void onATerminalEachPhaseIsDrawnInPlaceAndErasedAtTheEnd() {
    try (StatusLine s = StatusLine.on(ctx(true, Map.of()), clock)) {
      s.phase("fetching 2 object(s)", Duration.ofSeconds(60));
      assertThat(err.toString(StandardCharsets.UTF_8))
          .startsWith("\r\u001b[K| fetching 2 object(s) (0 s of 60 s)");
    }
    assertThat(err.toString(StandardCharsets.UTF_8)).endsWith("\r\u001b[K");
  }

  @Test
  void nothingIsDrawnWhenStderrIsNotATerminalOrTheTerminalIsDumb() {
    try (StatusLine s = StatusLine.on(ctx(false, Map.of()), clock)) {
      s.phase("fetching", null);
    }
    try (StatusLine s = StatusLine.on(ctx(true, Map.of("TERM", "dumb")), clock)) {
      s.phase("fetching", null);
    }
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
