package io.kvflex.kvctl.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.kvctl.KvctlRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The shipped manifests (installer and example workloads) pass lint without errors or warnings. */
class DeploymentExamplesLintTest {

  @Test
  void deploymentManifestsLintCleanAtWarningLevel() {
    Path root = Path.of("..").toAbsolutePath().normalize();
    assertThat(root.resolve("deployment/examples")).isDirectory();
    KvctlRunner.Result r =
        new KvctlRunner().in(root).run("lint", "--fail-on", "warning", "deployment");
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).doesNotContain(": error: ").doesNotContain(": warning: ");
    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out()).containsPattern("in \\d+ documents from \\d+ inputs");
  }
}
