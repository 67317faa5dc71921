package io.kvflex.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's "Options" section documents every option and every rule, with its severity. */
class OptionsDocsTest {
  private static String optionsSection() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    int start = readme.indexOf("\n## Options\n");
    assertThat(start).as("README has an Options section").isNotNegative();
    int end = readme.indexOf("\n## ", start + 1);
    return readme.substring(start, end < 0 ? readme.length() : end);
  }

  @Test
  void everyVolumeOptionHasARow() throws IOException {
    String section = optionsSection();
    for (String option : KnownOptions.VOLUME_OPTIONS) {
      assertThat(section).contains("| `" + option + "` |");
    }
    for (String legacy : KnownOptions.LEGACY_OPTIONS) {
      assertThat(section).contains("legacy `" + legacy + "`");
    }
  }

  @Test
  void everyRuleHasARowWithItsSeverity() throws IOException {
    String section = optionsSection();
    for (OptionRule rule : OptionRule.values()) {
      assertThat(section)
          .contains(
              "| `"
                  + rule.id()
                  + "` | "
                  + rule.severity().name().toLowerCase(java.util.Locale.ROOT)
                  + " | "
                  + rule.summary()
                  + " |");
    }
  }
}
