package io.kvflex.kvctl.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's check-access run is the real output of the tested scenario, kept in sync. */
class ReadmeExampleTest {
  @Test
  void readmeShowsTheGoldenRbacRun() throws Exception {
    String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
    String golden =
        Files.readString(
            Path.of("src/test/resources/access/golden/rbac.txt"), StandardCharsets.UTF_8);
    assertThat(readme).contains("## kvctl check-access").contains(golden);
  }
}
