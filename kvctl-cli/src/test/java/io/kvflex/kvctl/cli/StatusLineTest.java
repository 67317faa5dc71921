package io.kvflex.kvctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.testsupport.CapturedStreams;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The live line of network commands: drawn on a terminal's stderr only, erased when done. */
class StatusLineTest {
  private final CapturedStreams streams = new CapturedStreams();
  private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  private CliContext ctx(boolean errTerminal, Map<String, String> env) {
    return new CliContext(
        streams.in(), streams.out(), streams.err(), env, Path.of("."), false, errTerminal);
  }

  @Test
  void onATerminalEachPhaseIsDrawnInPlaceAndErasedAtTheEnd() {
    try (StatusLine s = StatusLine.on(ctx(true, Map.of()), clock)) {
      s.phase("fetching 2 object(s)", Duration.ofSeconds(60));
      assertThat(streams.errText()).startsWith("\r\u001b[K| fetching 2 object(s) (0 s of 60 s)");
    }
    assertThat(streams.errText()).endsWith("\r\u001b[K");
  }

  @Test
  void nothingIsDrawnWhenStderrIsNotATerminalOrTheTerminalIsDumb() {
    try (StatusLine s = StatusLine.on(ctx(false, Map.of()), clock)) {
      s.phase("fetching", null);
    }
    try (StatusLine s = StatusLine.on(ctx(true, Map.of("TERM", "dumb")), clock)) {
      s.phase("fetching", null);
    }
    assertThat(streams.errText()).isEmpty();
  }
}
