package io.kvflex.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Byte-for-byte comparison with the files under {@code src/test/resources/io/kvflex/render/golden}.
 * Regenerate them after an intended change with {@code mvn -B -o test -pl driver
 * -Dtest='io.kvflex.render.*Test' -Dkvflex.updateGolden=true} and review the diff; without the
 * property a missing or different golden file fails the test.
 */
final class Golden {
  static final String UPDATE_PROPERTY = "kvflex.updateGolden";

  private final Path directory;
  private final boolean update;

  Golden(Path directory, boolean update) {
    this.directory = directory;
    this.update = update;
  }

  /** The render goldens of this module, in update mode when the system property says so. */
  static Golden forRender() {
    Path basedir = Path.of(System.getProperty("basedir", "."));
    return new Golden(
        basedir.resolve("src/test/resources/io/kvflex/render/golden"),
        Boolean.getBoolean(UPDATE_PROPERTY));
  }

  void assertMatches(String name, byte[] actual) {
    Path file = directory.resolve(name);
    try {
      if (update) {
        Files.createDirectories(directory);
        Files.write(file, actual);
        return;
      }
      if (!Files.exists(file)) {
        fail(
            "golden file %s is missing; create it with -D%s=true and review it",
            file, UPDATE_PROPERTY);
      }
      byte[] expected = Files.readAllBytes(file);
      if (!java.util.Arrays.equals(expected, actual)) {
        // Show text diffs readably; binary ones by size and first difference.
        assertThat(describe(actual))
            .as(
                "rendered bytes differ from golden file %s (regenerate with -D%s=true)",
                file, UPDATE_PROPERTY)
            .isEqualTo(describe(expected));
        fail("rendered bytes differ from golden file %s", file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String describe(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0x09 || (b > 0x0d && b < 0x20) || b == 0x7f || b < 0) {
        return bytes.length + " binary bytes: " + java.util.HexFormat.of().formatHex(bytes);
      }
    }
    return new String(bytes, java.nio.charset.StandardCharsets.US_ASCII);
  }
}
