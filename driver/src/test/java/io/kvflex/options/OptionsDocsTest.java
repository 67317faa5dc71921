package io.kvflex.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The Options page (docs/options.md) documents every option and every rule, with its severity. */
class OptionsDocsTest {
  private static String optionsSection() throws IOException {
    String page = Files.readString(Path.of("..", "docs", "options.md"));
    assertThat(page).as("docs/options.md is the Options page").startsWith("# Options\n");
    return page;
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
