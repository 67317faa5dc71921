package io.kvflex.mount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvflex.options.KubeletVolumePath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record store: found by the exact mount, written atomically, never through a link. */
class AdoptedVolumesTest {
  static final String DIR = AdoptionRecordTest.DIR;

  @TempDir Path tmp;
  RunDir runDir;
  final List<String> warnings = new ArrayList<>();
  AdoptedVolumes store;

  @BeforeEach
  void store() {
    runDir = new RunDir(tmp.resolve("run"));
    store = new AdoptedVolumes(runDir, CrashPoints.NONE, recording(warnings));
  }

  /** Events as {@code <event> [<fields>]}, in {@code into}. */
  static MountEvents recording(List<String> into) {
    return new MountEvents() {
      @Override
      public void info(String event, Object... fields) {
        into.add(event + " " + List.of(fields));
      }

      @Override
      public void warn(String event, Object... fields) {
        into.add(event + " " + List.of(fields));
      }
    };
  }

  static KubeletVolumePath volume() {
    return AdoptionRecordTest.volume(DIR);
  }

  AdoptionRecord written(int id, String device) {
    AdoptionRecord r = AdoptionRecord.of(AdoptionRecordTest.legacy(id, device, DIR), Instant.EPOCH);
    store.write(r);
    return r;
  }

  @Test
  void findsTheRecordOfExactlyTheMountItNames() {
    AdoptionRecord r = written(40, "0:57");
    assertThat(store.find(AdoptionRecordTest.legacy(40, "0:57", DIR), volume())).hasValue(r);
    assertThat(store.find(AdoptionRecordTest.legacy(41, "0:57", DIR), volume())).isEmpty();
    assertThat(store.find(AdoptionRecordTest.legacy(40, "0:58", DIR), volume())).isEmpty();
    assertThat(store.ofVolume(volume())).containsExactly(r);
    assertThat(store.all()).containsExactly(r);
    assertThat(warnings).isEmpty();
  }

  @Test
  void readingNeverCreatesTheDirectory() {
    assertThat(store.find(AdoptionRecordTest.legacy(40, "0:57", DIR), volume())).isEmpty();
    assertThat(store.all()).isEmpty();
    assertThat(runDir.root()).doesNotExist();
  }

  @Test
  void aRecordIsWrittenByRenameAndLeavesNoTemporaryFile() throws Exception {
    AdoptionRecord r = written(40, "0:57");
    try (var files = Files.list(runDir.adopted())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(r.fileName());
    }
    Path file = runDir.adopted().resolve(r.fileName());
    assertThat(Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrderElementsOf(
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.readString(file)).isEqualTo(r.text());
  }

  @Test
  void aKilledWritersTemporaryFileIsNoRecordAndTheNextRunRemovesIt() throws Exception {
    AdoptionRecord r = AdoptionRecord.of(AdoptionRecordTest.legacy(40, "0:57", DIR), Instant.EPOCH);
    Path temp = runDir.adopted().resolve(".tmp-0011223344556677");
    Files.writeString(temp, r.text());
    assertThat(store.find(AdoptionRecordTest.legacy(40, "0:57", DIR), volume())).isEmpty();
    assertThat(store.all()).isEmpty();
    assertThat(store.removeTemps()).isEqualTo(1);
    assertThat(temp).doesNotExist();
  }

  @Test
  void aRecordUnderAnotherMountsNameAGarbageFileAndALinkAreNoRecords() throws Exception {
    AdoptionRecord r = written(40, "0:57");
    Path dir = runDir.adopted();
    String otherName = AdoptionRecord.fileName(r.volumeKey(), 41, "0:57");
    Files.copy(dir.resolve(r.fileName()), dir.resolve(otherName));
    assertThat(store.find(AdoptionRecordTest.legacy(41, "0:57", DIR), volume())).isEmpty();

    String garbageName = AdoptionRecord.fileName(r.volumeKey(), 42, "0:57");
    Files.writeString(dir.resolve(garbageName), "kvflex adoption v1\nmount-id 42\n");
    assertThat(store.find(AdoptionRecordTest.legacy(42, "0:57", DIR), volume())).isEmpty();

    Path outside = Files.writeString(tmp.resolve("planted"), r.text());
    Files.createSymbolicLink(
        dir.resolve(AdoptionRecord.fileName(r.volumeKey(), 43, "0:57")), outside);
    assertThat(store.find(AdoptionRecordTest.legacy(43, "0:57", DIR), volume())).isEmpty();

    assertThat(store.all()).containsExactly(r);
    assertThat(warnings)
        .anyMatch(w -> w.contains("names another mount"))
        .anyMatch(w -> w.contains("not a kvflex adoption record"))
        .anyMatch(w -> w.contains("cannot be read as a regular file"));
  }

  @Test
  void deleteRemovesOnlyThatRecord() {
    AdoptionRecord a = written(40, "0:57");
    AdoptionRecord b = written(41, "0:58");
    assertThat(store.delete(a)).isTrue();
    assertThat(store.delete(a)).isFalse();
    assertThat(store.all()).containsExactly(b);
  }

  @Test
  void anUnsafeRunDirectoryIsRefusedForReadingToo() throws Exception {
    written(40, "0:57");
    Files.setPosixFilePermissions(
        runDir.adopted(), java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThatThrownBy(() -> store.all()).hasMessageContaining("writable by group or others");
  }
}
