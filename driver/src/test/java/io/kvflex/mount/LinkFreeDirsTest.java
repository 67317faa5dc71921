package io.kvflex.mount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkFreeDirsTest {
  @TempDir Path tmp;

  @Test
  void realDirectoriesArePresentAndAMissingOneEndsTheChain() throws Exception {
    Files.createDirectories(tmp.resolve("a/b"));
    assertThat(LinkFreeDirs.check(tmp, List.of("a", "b"))).isEqualTo(LinkFreeDirs.State.PRESENT);
    assertThat(LinkFreeDirs.check(tmp, List.of("a", "x", "y")))
        .isEqualTo(LinkFreeDirs.State.ABSENT);
  }

  @Test
  void aLinkAnywhereInTheChainIsRefused() throws Exception {
    Files.createDirectories(tmp.resolve("real/b"));
    Files.createSymbolicLink(tmp.resolve("a"), tmp.resolve("real"));
    assertThatThrownBy(() -> LinkFreeDirs.check(tmp, List.of("a", "b")))
        .hasMessageContaining(tmp.resolve("a") + " is a symbolic link");
    Files.createSymbolicLink(tmp.resolve("real/dangling"), tmp.resolve("nowhere"));
    assertThatThrownBy(() -> LinkFreeDirs.check(tmp, List.of("real", "dangling")))
        .hasMessageContaining("is a symbolic link");
  }

  @Test
  void aFileIsRefused() throws Exception {
    Files.writeString(tmp.resolve("f"), "x");
    assertThatThrownBy(() -> LinkFreeDirs.check(tmp, List.of("f")))
        .hasMessageContaining("is not a directory");
  }
}
