package io.kvflex.kvctl.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/access/golden}. Run with {@code
 * -Dgolden.update=true} to rewrite them after a deliberate output change, then review the diff.
 */
final class Golden {
  private static final Path DIR = Path.of("src/test/resources/access/golden");

  private Golden() {}

  static void assertMatches(String name, String actual) throws IOException {
    Path file = DIR.resolve(name);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(DIR);
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertThat(file)
        .as("golden file %s (run with -Dgolden.update=true to create it)", file)
        .exists();
    assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}
