package io.kvflex.flexvolume.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileEventLogTest {
  @TempDir Path tmp;
  final Clock clock = Clock.fixed(Instant.parse("2026-11-28T18:00:00Z"), ZoneOffset.UTC);

  @Test
  void writesOneLogfmtLinePerEventWithMode0600() throws Exception {
    Path file = tmp.resolve("sub/kv-driver.log");
    FileEventLog log = new FileEventLog(file, 1 << 20, 3, clock, 42);
    log.info("mount.start", "dir", "/var/lib/x y", "objects", 3);
    log.error("verb.failed", "message", "line1\nline2 \"quoted\" a=b");
    log.close();
    assertThat(Files.readAllLines(file))
        .containsExactly(
            "time=2026-11-28T18:00:00Z level=info pid=42 event=mount.start dir=\"/var/lib/x y\""
                + " objects=3",
            "time=2026-11-28T18:00:00Z level=error pid=42 event=verb.failed"
                + " message=\"line1\\nline2 \\\"quoted\\\" a=b\"");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void eachCallOfALongLivedProcessHasItsOwnRedactor() throws Exception {
    Path file = tmp.resolve("kv-driver.log");
    FileEventLog log = new FileEventLog(file, 1 << 20, 3, clock, 7);
    EventLog first = log.scoped();
    EventLog second = log.scoped();
    first.redactor().register("first-call-SECRET");
    first.info("x", "value", "first-call-SECRET");
    second.info("y", "value", "second sees first-call-SECRET as plain text: it never learnt it");
    log.info("z", "value", "first-call-SECRET");
    log.close();
    List<String> lines = Files.readAllLines(file);
    assertThat(lines.get(0)).contains("value=****").doesNotContain("first-call-SECRET");
    // The process log and other calls do not accumulate a call's secrets.
    assertThat(log.redactor().redact("first-call-SECRET")).isEqualTo("first-call-SECRET");
    assertThat(second.redactor().redact("first-call-SECRET")).isEqualTo("first-call-SECRET");
    assertThat(lines).hasSize(3);
  }

  @Test
  void followsTheFileWhenAnotherProcessRotatedIt() throws Exception {
    Path file = tmp.resolve("kv-driver.log");
    FileEventLog agent = new FileEventLog(file, 1 << 20, 3, clock, 1);
    agent.info("before");
    // A kubelet call's JVM rotates the shared log (kv-driver.log -> kv-driver.log.1).
    Files.move(file, tmp.resolve("kv-driver.log.1"));
    agent.info("after");
    agent.close();
    assertThat(Files.readAllLines(file)).hasSize(1).first().asString().contains("event=after");
    assertThat(Files.readAllLines(tmp.resolve("kv-driver.log.1")))
        .hasSize(1)
        .first()
        .asString()
        .contains("event=before");
  }

  @Test
  void anExistingLogOthersCanReadIsRotatedAsideNeverChmodded() throws Exception {
    Path file = tmp.resolve("kv-driver.log");
    Files.writeString(file, "legacy line\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    FileEventLog log = new FileEventLog(file, 1 << 20, 3, clock, 1);
    log.info("x");
    log.close();
    Path aside = tmp.resolve("kv-driver.log.1");
    assertThat(Files.readString(aside)).isEqualTo("legacy line\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(aside)))
        .as("the legacy file keeps its mode: the driver did not create it")
        .isEqualTo("rw-r--r--");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readAllLines(file)).singleElement().asString().contains("event=x");
  }

  @Test
  void aPrivateExistingLogIsAppendedTo() throws Exception {
    Path file = tmp.resolve("kv-driver.log");
    Files.writeString(file, "earlier\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    FileEventLog log = new FileEventLog(file, 1 << 20, 3, clock, 1);
    log.info("x");
    log.close();
    assertThat(Files.readAllLines(file)).hasSize(2).first().isEqualTo("earlier");
  }

  @Test
  void aSymlinkedLogPathIsNeverFollowedAndItsTargetIsUntouched() throws Exception {
    Path target = Files.writeString(tmp.resolve("precious"), "keep\n");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
    Path link = Files.createSymbolicLink(tmp.resolve("kv-driver.log"), target);
    FileEventLog log = new FileEventLog(link, 1 << 20, 3, clock, 1);
    log.info("x");
    log.close();
    assertThat(Files.readString(target)).isEqualTo("keep\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
        .isEqualTo("rw-r--r--");
    assertThat(Files.isSymbolicLink(link)).isTrue();
  }

  @Test
  void aFifoAtTheLogPathIsNotOpened() throws Exception {
    Path fifo = tmp.resolve("kv-driver.log");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    // Opening a FIFO for writing blocks until a reader comes: the log must not even try.
    assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(30),
        () -> {
          FileEventLog log = new FileEventLog(fifo, 1 << 20, 3, clock, 1);
          log.info("x");
          log.close();
        });
    assertThat(Files.isRegularFile(fifo, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
  }

  @Test
  void aDeviceAtTheLogPathIsNeitherWrittenNorChmodded() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "mknod needs root");
    // A private copy of /dev/null (the real one is shared by everything on the machine).
    Path dev = tmp.resolve("null");
    assertThat(
            new ProcessBuilder("mknod", "-m", "666", dev.toString(), "c", "1", "3")
                .start()
                .waitFor())
        .isZero();
    FileEventLog log = new FileEventLog(dev, 1 << 20, 3, clock, 1);
    log.info("x");
    log.close();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dev)))
        .isEqualTo("rw-rw-rw-");
  }

  @Test
  void devNullMeansNoLog() {
    assertThat(
            FileEventLog.fromEnvironment(Map.of("KVFLEX_LOG_FILE", "/dev/null"), clock, 1).file())
        .isEqualTo(FileEventLog.NO_LOG);
  }

  @Test
  void secretsAreMaskedBeforeValuesAreEscaped() throws Exception {
    Path file = tmp.resolve("kv-driver.log");
    FileEventLog log = new FileEventLog(file, 1 << 20, 3, clock, 1);
    String secret = "pa\"ss\\wo\trd-123";
    log.redactor().register(secret);
    log.error("verb.failed", "message", "denied for " + secret + " (401)");
    log.close();
    String text = Files.readString(file);
    assertThat(text).contains("message=\"denied for **** (401)\"").doesNotContain("wo\\trd");
  }

  @Test
  void rotatesWhenLargeKeepingABoundedNumberOfFiles() throws Exception {
    Path file = tmp.resolve("kv-driver.log");
    for (int run = 0; run < 6; run++) {
      FileEventLog log = new FileEventLog(file, 200, 2, clock, run);
      for (int i = 0; i < 5; i++) {
        log.info("filler", "run", run, "i", i, "pad", "x".repeat(30));
      }
      log.close();
    }
    try (var files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("kv-driver.log", "kv-driver.log.1", "kv-driver.log.2");
    }
    assertThat(Files.readString(file)).contains("pid=5");
    for (Path p : List.of(file, tmp.resolve("kv-driver.log.1"))) {
      assertThat(Files.size(p)).isLessThan(2000);
    }
  }

  @Test
  void masksRegisteredSecrets() throws Exception {
    Path file = tmp.resolve("kv-driver.log");
    FileEventLog log = new FileEventLog(file, 1 << 20, 3, clock, 1);
    log.redactor().register("s3cr3t-value");
    log.warn("fetch.failed", "cause", "server echoed s3cr3t-value and czNjcjN0LXZhbHVl");
    log.close();
    assertThat(Files.readString(file))
        .doesNotContain("s3cr3t-value")
        .doesNotContain("czNjcjN0LXZhbHVl")
        .contains("cause=\"server echoed **** and ****\"");
  }

  @Test
  void anUnwritableLogIsSilentlyIgnored() throws Exception {
    Path dirAsFile = Files.writeString(tmp.resolve("file"), "x");
    FileEventLog log = new FileEventLog(dirAsFile.resolve("kv.log"), 1 << 20, 3, clock, 1);
    log.info("x");
    log.info("y");
    log.close();
    assertThat(Files.readString(dirAsFile)).isEqualTo("x");
  }

  @Test
  void environmentOverridesThePath() {
    assertThat(FileEventLog.fromEnvironment(Map.of(), clock, 1).file())
        .isEqualTo(Path.of("/var/log/kv-driver.log"));
    assertThat(
            FileEventLog.fromEnvironment(Map.of("KVFLEX_LOG_FILE", "/tmp/x.log"), clock, 1).file())
        .isEqualTo(Path.of("/tmp/x.log"));
  }

  @Test
  void aLineLoggedByAnInterruptedThreadIsWrittenAndSoAreAllLaterOnes() throws Exception {
    Path file = tmp.resolve("kv-driver.log");
    FileEventLog log = new FileEventLog(file, 1 << 20, 3, clock, 7);
    Thread sibling =
        new Thread(
            () -> {
              Thread.currentThread().interrupt(); // a cancelled fetch, as FetchPhase leaves it
              log.warn("fetch.failed", "name", "b");
              assertThat(Thread.currentThread().isInterrupted()).as("status kept").isTrue();
            });
    sibling.start();
    sibling.join();
    log.error("verb.failed", "verb", "mount");
    log.info("verb.result", "verb", "mount", "exit", 1);
    log.close();
    assertThat(Files.readAllLines(file))
        .hasSize(3)
        .anyMatch(l -> l.contains("event=fetch.failed"))
        .anyMatch(l -> l.contains("event=verb.failed"))
        .last()
        .asString()
        .contains("event=verb.result");
  }

  @Test
  void interruptsArrivingWhileThreadsLogDoNotSilenceTheLog() throws Exception {
    Path file = tmp.resolve("kv-driver.log");
    FileEventLog log = new FileEventLog(file, 1 << 20, 3, clock, 7);
    int perThread = 300;
    List<Thread> writers = new java.util.ArrayList<>();
    for (int w = 0; w < 4; w++) {
      int id = w;
      writers.add(
          new Thread(
              () -> {
                for (int i = 0; i < perThread; i++) {
                  log.info("fetch.done", "writer", id, "i", i);
                }
              }));
    }
    writers.forEach(Thread::start);
    // Interrupt the writers again and again while they write (as pool.shutdownNow() does).
    while (writers.stream().anyMatch(Thread::isAlive)) {
      writers.forEach(Thread::interrupt);
      Thread.onSpinWait();
    }
    log.info("verb.result", "verb", "mount");
    log.close();
    List<String> lines = Files.readAllLines(file);
    assertThat(lines.get(lines.size() - 1)).contains("event=verb.result");
    for (int w = 0; w < 4; w++) {
      for (int i = 0; i < perThread; i++) {
        String expected = "writer=" + w + " i=" + i;
        assertThat(lines).as(expected).anyMatch(l -> l.endsWith(expected));
      }
    }
  }
}
