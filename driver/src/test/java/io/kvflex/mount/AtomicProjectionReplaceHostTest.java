package io.kvflex.mount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvflex.errors.LocalWriteException;
import io.kvflex.render.FileProjection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A swap on a real, size-capped tmpfs: for a moment it holds the old and the new files. */
class AtomicProjectionReplaceHostTest {
  @TempDir Path tmp;
  Path volume;

  @BeforeEach
  void tmpfs() throws Exception {
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
    volume = Files.createDirectory(tmp.resolve("v"));
    SystemMounter.host().mountTmpfs(volume, "kvflex-test-replace", 1L << 20);
  }

  @AfterEach
  void release() throws Exception {
    for (Path p : new VolumeLifecycleHostTest.HostMountsUnder(tmp).deepestFirst()) {
      VolumeLifecycleHostTest.run("umount", "-l", p.toString());
    }
  }

  static List<FileProjection> sized(int kib, char fill) {
    byte[] bytes = new byte[kib * 1024];
    Arrays.fill(bytes, (byte) fill);
    return List.of(new FileProjection("blob", bytes, 0644, "blob"));
  }

  @Test
  void aSwapThatDoesNotFitFailsAndLeavesTheMountedFilesWhole() throws Exception {
    AtomicProjectionWriter writer = new AtomicProjectionWriter();
    writer.write(volume, sized(600, 'a'), OptionalInt.empty());

    assertThatThrownBy(() -> writer.replace(volume, sized(600, 'b'), OptionalInt.empty()))
        .isInstanceOf(LocalWriteException.class)
        .hasMessageContaining("No space left on device");

    byte[] now = Files.readAllBytes(volume.resolve("blob"));
    assertThat(now).hasSize(600 * 1024).containsOnly((byte) 'a');
    try (var entries = Files.list(volume)) {
      assertThat(entries.filter(p -> p.getFileName().toString().startsWith("..kvflex-")))
          .as("the half-written new set is gone")
          .hasSize(1);
    }

    writer.replace(volume, sized(300, 'c'), OptionalInt.empty());
    assertThat(Files.readAllBytes(volume.resolve("blob"))).containsOnly((byte) 'c');
  }
}
