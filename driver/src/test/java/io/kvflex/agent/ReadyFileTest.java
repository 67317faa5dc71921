package io.kvflex.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadyFileTest {
  @TempDir Path tmp;

  @Test
  void publishesOneLineTheLauncherMatchesAndWithdrawsOnlyItsOwn() throws Exception {
    RunDir dir = new RunDir(tmp.resolve("kvflex")).prepare();
    ReadyFile ready =
        new ReadyFile(dir, "release-0a1b2c3d4e5f", Instant.parse("2026-11-28T18:00:00Z"), 42);
    Files.writeString(dir.staleMark(), "an old agent\n");
    ready.publish();
    assertThat(Files.readString(dir.ready(), StandardCharsets.US_ASCII))
        .isEqualTo(
            "kvflex-agent protocol=1 release=release-0a1b2c3d4e5f started=2026-11-28T18:00:00Z"
                + " pid=42\n");
    assertThat(dir.staleMark()).doesNotExist();
    assertThat(ready.isPublished()).isTrue();
    try (var entries = Files.list(dir.agentDir())) {
      assertThat(entries.map(p -> p.getFileName().toString()))
          .as("no temporary file left")
          .containsExactlyInAnyOrder("ready", "calls", "new");
    }

    // Another agent published since: this one must not remove it.
    Files.writeString(dir.ready(), "kvflex-agent protocol=1 release=x started=y pid=7\n");
    assertThat(ready.isPublished()).isFalse();
    ready.withdraw();
    assertThat(dir.ready()).exists();

    ready.publish();
    ready.withdraw();
    assertThat(dir.ready()).doesNotExist();
  }
}
