package io.kvflex.kvctl.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.kvctl.KvctlRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The kvctl lint page and the README's tour show real runs: the same commands print the same today.
 */
class LintDocRunTest {
  private static final Pattern RUN =
      Pattern.compile(
          "```console\\n\\$ \\./kvctl (lint [^\\n]+)\\n(.*?)\\$ echo \\$\\?\\n(\\d+)\\n```",
          Pattern.DOTALL);
  private static final Pattern TOUR_RUN =
      Pattern.compile("```console\\n\\$ \\./kvctl (lint [^\\n]+)\\n([^$`]*)```");

  @Test
  void lintPageRunIsCurrent() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    String section = Files.readString(root.resolve("docs/kvctl-lint.md"));
    assertThat(section).startsWith("# kvctl lint\n");
    Matcher m = RUN.matcher(section);
    assertThat(m.find()).as("a console block with a kvctl lint run").isTrue();
    KvctlRunner.Result r = new KvctlRunner().in(root).run(m.group(1).split(" "));
    assertThat(r.out()).isEqualTo(m.group(2));
    assertThat(r.exit()).isEqualTo(Integer.parseInt(m.group(3)));
  }

  @Test
  void readmeTourLintRunIsCurrent() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    String readme = Files.readString(root.resolve("README.md"));
    String tour = readme.substring(readme.indexOf("## Five-minute tour"));
    Matcher m = TOUR_RUN.matcher(tour);
    assertThat(m.find()).as("the tour's kvctl lint run").isTrue();
    KvctlRunner.Result r = new KvctlRunner().in(root).run(m.group(1).split(" "));
    assertThat(r.out()).isEqualTo(m.group(2));
    assertThat(r.exit()).isZero();
  }
}
