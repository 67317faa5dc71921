package io.kvflex.kvctl.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.kvctl.KvctlRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's "kvctl lint" section shows a real run: the same command prints the same today. */
class ReadmeLintRunTest {
  private static final Pattern RUN =
      Pattern.compile(
          "```console\\n\\$ \\./kvctl (lint [^\\n]+)\\n(.*?)\\$ echo \\$\\?\\n(\\d+)\\n```",
          Pattern.DOTALL);

  @Test
  void readmeLintRunIsCurrent() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    String readme = Files.readString(root.resolve("README.md"));
    String section = readme.substring(readme.indexOf("## kvctl lint"));
    Matcher m = RUN.matcher(section);
    assertThat(m.find()).as("a console block with a kvctl lint run").isTrue();
    KvctlRunner.Result r = new KvctlRunner().in(root).run(m.group(1).split(" "));
    assertThat(r.out()).isEqualTo(m.group(2));
    assertThat(r.exit()).isEqualTo(Integer.parseInt(m.group(3)));
  }
}
