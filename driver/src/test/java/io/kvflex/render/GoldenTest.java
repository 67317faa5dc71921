package io.kvflex.render;

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
    assertThatThrownBy(() -> golden.assertMatches("g.txt", new byte[] {'a'}))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("g.txt");
    assertThatThrownBy(() -> golden.assertMatches("g.txt", new byte[] {(byte) 0x80, '\n'}))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void aMissingGoldenFailsUnlessUpdating() throws Exception {
    assertThatThrownBy(() -> new Golden(dir, false).assertMatches("new.bin", new byte[] {1}))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("missing");
    new Golden(dir, true).assertMatches("new.bin", new byte[] {1, 2});
    assertThat(Files.readAllBytes(dir.resolve("new.bin"))).containsExactly(1, 2);
  }

  @Test
  void goldenDirectoryOfTheBuildIsFound() {
    assertThat(
            Path.of(System.getProperty("basedir", "."))
                .resolve("src/test/resources/io/kvflex/render/golden/key-rsa-key.pem"))
        .exists();
  }
}
