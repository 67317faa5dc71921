package io.kvflex.agent;

import io.kvflex.flexvolume.log.EventLog;
import io.kvflex.mount.TreeRemover;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Removes call directories nobody will ever use again: those of launchers that were killed (SIGKILL
 * leaves no cleanup) and of an agent that was killed. A launcher removes its own call directory
 * when it finishes, so only old ones are touched: an offer nobody claimed or withdrew within {@link
 * #UNCLAIMED_AGE} (a launcher waits one second), a claimed call older than the launcher's own limit
 * ({@link #CLAIMED_AGE}), and half-prepared calls. Calls this agent serves are never touched. A
 * young offer found at start-up may belong to a launcher waiting right now: it is handed to {@code
 * claim} instead.
 */
final class Janitor {
  static final Duration UNCLAIMED_AGE = Duration.ofMinutes(1);

  /** The launcher stops waiting for an answer after 11 minutes (the longest mount plus margin). */
  static final Duration CLAIMED_AGE = Duration.ofMinutes(12);

  private final RunDir runDir;
  private final Clock clock;
  private final EventLog log;

  Janitor(RunDir runDir, Clock clock, EventLog log) {
    this.runDir = runDir;
    this.clock = clock;
    this.log = log;
  }

  /**
   * One sweep of {@code calls/} and {@code new/}.
   *
   * @param active ids of calls this agent is serving
   * @param claim receives young unclaimed offers (start-up and missed events)
   */
  void sweep(Set<String> active, Consumer<Path> claim) {
    Instant now = clock.instant();
    for (Path call : list(runDir.calls())) {
      String id = call.getFileName().toString();
      if (active.contains(id)) {
        continue;
      }
      Duration age = Duration.between(modified(call), now);
      if (Files.exists(call.resolve("offer"), LinkOption.NOFOLLOW_LINKS)) {
        if (age.compareTo(UNCLAIMED_AGE) < 0) {
          claim.accept(call);
        } else {
          remove(call, "offer neither claimed nor withdrawn");
        }
      } else if (Files.exists(call.resolve("claimed"), LinkOption.NOFOLLOW_LINKS)) {
        if (age.compareTo(CLAIMED_AGE) >= 0) {
          remove(call, "claimed call its launcher no longer waits for");
        }
      } else if (age.compareTo(UNCLAIMED_AGE) >= 0) {
        remove(call, "withdrawn call");
      }
    }
    for (Path prepared : list(runDir.preparing())) {
      if (Duration.between(modified(prepared), now).compareTo(UNCLAIMED_AGE) >= 0) {
        remove(prepared, "call its launcher never announced");
      }
    }
  }

  private void remove(Path dir, String why) {
    try {
      TreeRemover.remove(dir);
      log.info("agent.cleaned", "dir", dir, "reason", why);
    } catch (IOException | RuntimeException e) {
      log.warn("agent.clean_failed", "dir", dir, "cause", e.toString());
    }
  }

  private static Instant modified(Path p) {
    try {
      return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant();
    } catch (IOException e) {
      return Instant.EPOCH;
    }
  }

  private static java.util.List<Path> list(Path dir) {
    java.util.List<Path> out = new java.util.ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      entries.forEach(out::add);
    } catch (IOException e) {
      // gone or unreadable: nothing to sweep
    }
    return out;
  }
}
