package io.kvflex.kvctl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KvctlCommandTest {

  static KvctlRunner.Result run(String... args) {
    return new KvctlRunner().run(args);
  }

  @Test
  void versionPrintsTheBuildVersion() {
    KvctlRunner.Result r = run("--version");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("kvctl ").doesNotContain("${");
  }

  @Test
  void generatesABashCompletionScript() {
    KvctlRunner.Result r = run("generate-completion");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("complete -F").contains("kvctl");
  }

  @Test
  void missingSubcommandOrUnknownOptionIsAUsageError() {
    assertThat(run().exit()).isEqualTo(2);
    KvctlRunner.Result r = run("--no-such-option");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--no-such-option");
  }

  @Test
  void helpListsExitCodes() {
    KvctlRunner.Result r = run("--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Exit codes:").contains("could not read input");
  }
}
