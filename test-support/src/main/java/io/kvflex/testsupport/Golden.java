package io.kvflex.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Byte-for-byte comparison with committed golden files. After a deliberate change of output,
 * rewrite them with {@code -Dkvflex.golden.update=true} (one property for every module) and review
 * the diff; without it a missing or different golden file fails the test.
 */
public final class Golden {
  /** The one system property that rewrites golden files instead of comparing. */
  public static final String UPDATE_PROPERTY = "kvflex.golden.update";

  private final Path directory;
  private final boolean update;

  /** Goldens in {@code directory}, rewritten instead of compared when {@code update}. */
  public Golden(Path directory, boolean update) {
    this.directory = directory;
    this.update = update;
  }

  /**
   * The goldens under {@code directory}, relative to the module being built (Maven's {@code
   * basedir}, else the working directory), in update mode when {@link #UPDATE_PROPERTY} says so.
   */
  public static Golden in(Path directory) {
    Path basedir = Path.of(System.getProperty("basedir", ""));
    return new Golden(basedir.resolve(directory), Boolean.getBoolean(UPDATE_PROPERTY));
  }

  /** Whether this instance rewrites instead of comparing. */
  public boolean updating() {
    return update;
  }

  /** Compares text (UTF-8) with the golden file {@code name}. */
  public void assertMatches(String name, String actual) {
    assertMatches(name, actual.getBytes(StandardCharsets.UTF_8));
  }

  /** Compares bytes with the golden file {@code name}. */
  public void assertMatches(String name, byte[] actual) {
    Path file = directory.resolve(name);
    try {
      if (update) {
        Files.createDirectories(file.getParent());
        Files.write(file, actual);
        return;
      }
      if (!Files.exists(file)) {
        fail(
            "golden file %s is missing; create it with -D%s=true and review it",
            file, UPDATE_PROPERTY);
      }
      byte[] expected = Files.readAllBytes(file);
      if (!Arrays.equals(expected, actual)) {
        // Text diffs readably (AssertJ shows both); binary ones as hex.
        assertThat(describe(actual))
            .as(
                "output differs from golden file %s (rewrite with -D%s=true)",
                file, UPDATE_PROPERTY)
            .isEqualTo(describe(expected));
        fail("output differs from golden file %s", file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Text as text; anything with control bytes or invalid UTF-8 as hex. */
  private static String describe(byte[] bytes) {
    for (byte b : bytes) {
      if ((b >= 0 && b < 0x09) || (b > 0x0d && b < 0x20) || b == 0x7f) {
        return hex(bytes);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return hex(bytes);
    }
  }

  private static String hex(byte[] bytes) {
    return bytes.length + " binary bytes: " + HexFormat.of().formatHex(bytes);
  }
}
