package io.kvflex.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.flexvolume.log.EventLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a killed launcher or a killed agent leaves, and what the janitor does with it. */
class JanitorTest {
  static final Instant NOW = Instant.parse("2026-11-28T18:00:00Z");

  @TempDir Path tmp;

  Path call(RunDir dir, String id, String state, Duration age) throws Exception {
    Path call = Files.createDirectories(dir.calls().resolve(id));
    Files.writeString(call.resolve(state), "1 2\n");
    Files.setLastModifiedTime(call, FileTime.from(NOW.minus(age)));
    return call;
  }

  @Test
  void removesAbandonedCallsAndOffersYoungOnesToClaim() throws Exception {
    RunDir dir = new RunDir(tmp.resolve("kvflex")).prepare();
    Path waiting = call(dir, "c1.1", "offer", Duration.ofMillis(300));
    Path deadLauncher = call(dir, "c2.1", "offer", Duration.ofMinutes(2));
    Path served = call(dir, "c3.1", "claimed", Duration.ofMinutes(30));
    Path runningElsewhere = call(dir, "c4.1", "claimed", Duration.ofMinutes(3));
    Path oldClaim = call(dir, "c5.1", "claimed", Duration.ofMinutes(13));
    Path withdrawn = call(dir, "c6.1", "withdrawn", Duration.ofMinutes(2));
    Path freshWithdrawn = call(dir, "c7.1", "withdrawn", Duration.ofSeconds(2));
    Path halfPrepared = Files.createDirectories(dir.preparing().resolve("c8.1"));
    Files.setLastModifiedTime(halfPrepared, FileTime.from(NOW.minus(Duration.ofMinutes(5))));

    List<Path> offered = new ArrayList<>();
    new Janitor(dir, Clock.fixed(NOW, ZoneOffset.UTC), EventLog.discarding())
        .sweep(Set.of("c3.1"), offered::add);

    assertThat(offered).containsExactly(waiting);
    assertThat(waiting).exists();
    assertThat(served).as("served by this agent").exists();
    assertThat(runningElsewhere).as("claimed recently").exists();
    assertThat(freshWithdrawn).as("its launcher is cleaning up").exists();
    assertThat(deadLauncher).doesNotExist();
    assertThat(oldClaim).doesNotExist();
    assertThat(withdrawn).doesNotExist();
    assertThat(halfPrepared).doesNotExist();
  }
}
