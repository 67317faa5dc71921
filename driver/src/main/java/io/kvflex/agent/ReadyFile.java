package io.kvflex.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * {@code $RUN_DIR/agent/ready}: one line a launcher reads before it offers a call, e.g.
 *
 * <pre>kvflex-agent protocol=1 release=release-3f2a9c0d1b2e started=2026-11-28T18:00:00Z pid=42
 * </pre>
 *
 * Published atomically (written aside, renamed into place) only once the agent accepts calls,
 * removed on a clean exit, and published again when a launcher moved it aside ({@code ready.stale})
 * while the agent is healthy. A launcher uses the agent only when {@code protocol=} matches its own
 * version; any other line makes it run the call in-process.
 */
final class ReadyFile {
  private final RunDir dir;
  private final String line;

  ReadyFile(RunDir dir, String release, Instant started, long pid) {
    this.dir = dir;
    this.line =
        "kvflex-agent protocol="
            + Protocol.VERSION
            + " release="
            + release
            + " started="
            + started
            + " pid="
            + pid;
  }

  /** The published line (without newline). */
  String line() {
    return line;
  }

  /** Publishes (or re-publishes) the file and clears a stale mark. */
  void publish() throws IOException {
    Path aside = dir.agentDir().resolve("ready." + ProcessHandle.current().pid() + ".tmp");
    Files.writeString(aside, line + "\n", StandardCharsets.US_ASCII);
    Files.move(aside, dir.ready(), StandardCopyOption.ATOMIC_MOVE);
    Files.deleteIfExists(dir.staleMark());
  }

  /** Whether the published file is this agent's (another agent may have published since). */
  boolean isPublished() {
    try {
      return Files.readString(dir.ready(), StandardCharsets.US_ASCII).strip().equals(line);
    } catch (IOException e) {
      return false;
    }
  }

  /** Removes the file if it is this agent's, so launchers stop offering calls. */
  void withdraw() {
    try {
      if (isPublished()) {
        Files.deleteIfExists(dir.ready());
      }
      if (Files.exists(dir.staleMark())
          && Files.readString(dir.staleMark(), StandardCharsets.US_ASCII).strip().equals(line)) {
        Files.deleteIfExists(dir.staleMark());
      }
    } catch (IOException e) {
      // A launcher that still finds it offers a call nobody claims and falls back after its wait.
    }
  }
}
