package io.kvflex.mount;

import static io.kvflex.mount.AtomicProjectionWriterTest.entries;
import static io.kvflex.mount.AtomicProjectionWriterTest.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvflex.errors.LocalWriteException;
import io.kvflex.render.FileProjection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rotation's swap: the whole set through {@code ..data}, all old or all new. */
class AtomicProjectionReplaceTest {
  @TempDir Path root;

  private static List<FileProjection> generation(int n) {
    return List.of(
        file("tls/chain.pem", "chain-" + n, 0644),
        file("tls/cert.pfx", "pfx-" + n, 0600),
        file("password", "pw-" + n, 0644));
  }

  private String payload() throws IOException {
    return Files.readSymbolicLink(root.resolve("..data")).toString();
  }

  @Test
  void replacesEveryFileAtOnceAndDropsTheOldPayload() throws Exception {
    AtomicProjectionWriter writer = new AtomicProjectionWriter();
    writer.write(root, generation(1), OptionalInt.empty());
    String before = payload();

    writer.replace(root, generation(2), OptionalInt.empty());

    assertThat(payload()).isNotEqualTo(before).startsWith("..kvflex-");
    assertThat(entries(root)).containsExactly("..data", payload(), "password", "tls");
    assertThat(Files.readString(root.resolve("tls/chain.pem"))).isEqualTo("chain-2");
    assertThat(Files.readString(root.resolve("tls/cert.pfx"))).isEqualTo("pfx-2");
    assertThat(Files.readString(root.resolve("password"))).isEqualTo("pw-2");
    assertThat(Files.getPosixFilePermissions(root.resolve("tls/cert.pfx")))
        .isEqualTo(AtomicProjectionWriter.permissions(0600));
  }

  @Test
  void aFailureBeforeTheSwitchLeavesTheMountedFilesAsTheyWere() throws Exception {
    new AtomicProjectionWriter().write(root, generation(1), OptionalInt.empty());
    String before = payload();
    AtomicInteger calls = new AtomicInteger();
    AtomicProjectionWriter failing =
        new AtomicProjectionWriter(
            (path, bytes) -> {
              if (calls.incrementAndGet() == 2) {
                throw new IOException("No space left on device");
              }
              Files.write(path, bytes);
            });

    assertThatThrownBy(() -> failing.replace(root, generation(2), OptionalInt.empty()))
        .isInstanceOf(LocalWriteException.class)
        .hasMessageContaining("tls/cert.pfx")
        .hasMessageContaining("No space left on device");

    assertThat(payload()).isEqualTo(before);
    assertThat(entries(root)).containsExactly("..data", before, "password", "tls");
    assertThat(Files.readString(root.resolve("tls/chain.pem"))).isEqualTo("chain-1");
  }

  @Test
  void leftoversOfAnInterruptedSwapAreRemovedByTheNextOne() throws Exception {
    AtomicProjectionWriter writer = new AtomicProjectionWriter();
    writer.write(root, generation(1), OptionalInt.empty());
    // What a kill -9 between the payload and the rename leaves behind.
    Files.createDirectory(root.resolve("..kvflex-dead"));
    Files.writeString(root.resolve("..kvflex-dead/password"), "half");
    Files.createSymbolicLink(root.resolve("..data_tmp"), Path.of("..kvflex-dead"));

    writer.replace(root, generation(2), OptionalInt.empty());

    assertThat(entries(root)).containsExactly("..data", payload(), "password", "tls");
    assertThat(Files.readString(root.resolve("password"))).isEqualTo("pw-2");
  }

  @Test
  void aDifferentSetOfFilesIsRefusedAndNothingChanges() throws Exception {
    AtomicProjectionWriter writer = new AtomicProjectionWriter();
    writer.write(root, generation(1), OptionalInt.empty());
    String before = payload();
    List<FileProjection> other = new ArrayList<>(generation(2));
    other.add(file("extra", "x", 0644));

    assertThatThrownBy(() -> writer.replace(root, other, OptionalInt.empty()))
        .isInstanceOf(LocalWriteException.class)
        .hasMessageContaining("no link extra into ..data");
    assertThat(payload()).isEqualTo(before);
    assertThat(entries(root)).containsExactly("..data", before, "password", "tls");
  }

  @Test
  void aVolumeWithoutTheDriversLayoutIsRefused() throws Exception {
    Files.writeString(root.resolve("password"), "not ours");
    assertThatThrownBy(
            () -> new AtomicProjectionWriter().replace(root, generation(2), OptionalInt.empty()))
        .isInstanceOf(LocalWriteException.class)
        .hasMessageContaining("no ..data link");
    Files.createSymbolicLink(root.resolve("..data"), Path.of("/etc"));
    assertThatThrownBy(
            () -> new AtomicProjectionWriter().replace(root, generation(2), OptionalInt.empty()))
        .isInstanceOf(LocalWriteException.class)
        .hasMessageContaining("not the driver's");
  }

  /**
   * A reader that resolves {@code ..data} always finds one complete generation: every file of the
   * set, all from the same generation (the pod never sees a mix).
   */
  @Test
  void readersNeverSeeAMixOfGenerations() throws Exception {
    AtomicProjectionWriter writer = new AtomicProjectionWriter();
    writer.write(root, generation(0), OptionalInt.empty());
    AtomicBoolean done = new AtomicBoolean();
    List<String> mixes = new ArrayList<>();
    AtomicInteger consistentReads = new AtomicInteger();
    Thread reader =
        new Thread(
            () -> {
              while (!done.get() || consistentReads.get() == 0) {
                try {
                  Path dir = root.resolve(Files.readSymbolicLink(root.resolve("..data")));
                  String chain = Files.readString(dir.resolve("tls/chain.pem"));
                  String pfx = Files.readString(dir.resolve("tls/cert.pfx"));
                  String pw = Files.readString(dir.resolve("password"));
                  String n = chain.substring("chain-".length());
                  if (!pfx.equals("pfx-" + n) || !pw.equals("pw-" + n)) {
                    synchronized (mixes) {
                      mixes.add(chain + "/" + pfx + "/" + pw);
                    }
                  }
                  consistentReads.incrementAndGet();
                } catch (NoSuchFileException e) {
                  // that generation was already dropped after the switch: read again
                } catch (IOException e) {
                  synchronized (mixes) {
                    mixes.add(e.toString());
                  }
                }
              }
            });
    reader.start();
    for (int n = 1; n <= 200; n++) {
      writer.replace(root, generation(n), OptionalInt.empty());
    }
    done.set(true);
    reader.join();
    assertThat(mixes).isEmpty();
    assertThat(Files.readString(root.resolve("password"))).isEqualTo("pw-200");
  }
}
