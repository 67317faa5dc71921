package io.kvflex.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The golden comparison itself must be able to fail. */
class GoldenTest {
  @TempDir Path dir;

  @Test
  void differentBytesFail() throws Exception {
    Files.write(dir.resolve("g.txt"), new byte[] {'a', '\n'});
    Golden golden = new Golden(dir, false);
    golden.assertMatches("g.txt", new byte[] {'a', '\n'});
    golden.assertMatches("g.txt", "a\n");
    assertThatThrownBy(() -> golden.assertMatches("g.txt", new byte[] {'a'}))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("g.txt");
    assertThatThrownBy(() -> golden.assertMatches("g.txt", new byte[] {(byte) 0x80, '\n'}))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("binary bytes: 800a");
    assertThatThrownBy(() -> golden.assertMatches("g.txt", "b\n"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(Golden.UPDATE_PROPERTY);
  }

  @Test
  void aMissingGoldenFailsUnlessUpdating() throws Exception {
    assertThatThrownBy(() -> new Golden(dir, false).assertMatches("new.bin", new byte[] {1}))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("missing");
    new Golden(dir, true).assertMatches("sub/new.bin", new byte[] {1, 2});
    assertThat(Files.readAllBytes(dir.resolve("sub/new.bin"))).containsExactly(1, 2);
  }

  @Test
  void relativeDirectoriesAreTheModules() {
    assertThat(Golden.in(Path.of("src/test/java")).updating())
        .isEqualTo(Boolean.getBoolean(Golden.UPDATE_PROPERTY));
  }
}
