package io.kvflex.kvctl.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The check-access page's run is the real output of the tested scenario, kept in sync. */
class CheckAccessDocExampleTest {
  @Test
  void docsShowTheGoldenRbacRun() throws Exception {
    String page =
        Files.readString(Path.of("../docs/kvctl-check-access.md"), StandardCharsets.UTF_8);
    String golden =
        Files.readString(
            Path.of("src/test/resources/access/golden/rbac.txt"), StandardCharsets.UTF_8);
    assertThat(page).startsWith("# kvctl check-access\n").contains(golden);
  }
}
