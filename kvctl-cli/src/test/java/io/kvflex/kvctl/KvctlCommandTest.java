package io.kvflex.kvctl;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.kvctl.cli.VersionProvider;
import org.junit.jupiter.api.Test;

class KvctlCommandTest {

  static KvctlRunner.Result run(String... args) {
    return new KvctlRunner().run(args);
  }

  @Test
  void versionPrintsTheBuildVersionAndCommit() {
    for (String arg : new String[] {"--version", "-V", "version"}) {
      KvctlRunner.Result r = run(arg);
      assertThat(r.exit()).as(arg).isZero();
      assertThat(r.out())
          .as(arg)
          .startsWith("kvctl " + VersionProvider.version() + "\ncommit ")
          .contains("\njava ")
          .doesNotContain("${");
    }
    KvctlRunner.Result json = run("version", "-o", "json");
    assertThat(json.out()).contains("\"version\": ").contains("\"commit\": ");
  }

  @Test
  void theBuildRecordsItsCommit() {
    // Built by Maven from a git checkout (as every test run is): the commit is known.
    assertThat(io.kvflex.kvctl.cli.BuildInfo.current().commit()).matches("[0-9a-f]{7,40}");
  }

  @Test
  void completionForBashZshAndFishRefusesPowerShell() {
    KvctlRunner.Result bash = run("completion", "bash");
    assertThat(bash.exit()).isZero();
    assertThat(bash.out()).contains("complete -F").contains("kvctl");
    assertThat(run("completion", "zsh").out()).contains("bashcompinit");
    KvctlRunner.Result fish = run("completion", "fish");
    assertThat(fish.exit()).isZero();
    assertThat(fish.out())
        .doesNotContain("complete -F")
        .contains("complete -c kvctl -f -n '__fish_use_subcommand' -a 'lint'")
        .contains("complete -c kvctl -n '__fish_seen_subcommand_from lint' -l output-file -r -d")
        .contains("-l output -r -f -a 'table json'")
        .contains(
            "__fish_seen_subcommand_from vault; and not __fish_seen_subcommand_from serve' -a"
                + " 'serve'")
        .doesNotContain("generate-completion")
        .doesNotContain("-l format");
    KvctlRunner.Result ps = run("completion", "powershell");
    assertThat(ps.exit()).isEqualTo(2);
    assertThat(ps.out()).isEmpty();
    assertThat(ps.err()).contains("PowerShell completion is not provided");
    // The old name still works for one release, hidden from help.
    assertThat(run("generate-completion").out()).contains("complete -F");
    assertThat(run("--help").out()).contains("completion").doesNotContain("generate-completion");
  }

  @Test
  void theFishScriptIsValidFishWhereFishIsInstalled(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path fish =
        java.util.stream.Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
            .map(p -> java.nio.file.Path.of(p, "fish"))
            .filter(java.nio.file.Files::isExecutable)
            .findFirst()
            .orElse(null);
    org.junit.jupiter.api.Assumptions.assumeTrue(fish != null, "fish is not installed");
    java.nio.file.Path script = dir.resolve("kvctl.fish");
    java.nio.file.Files.writeString(script, run("completion", "fish").out());
    Process p =
        new ProcessBuilder(fish.toString(), "-n", script.toString())
            .redirectErrorStream(true)
            .start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
  }

  @Test
  void usageErrorsAreOneLineWithDidYouMeanAndWhereTheHelpIs() {
    KvctlRunner.Result typo = run("lnit", "x.yaml");
    assertThat(typo.exit()).isEqualTo(2);
    assertThat(typo.err())
        .isEqualTo(
            "kvctl: unknown command 'lnit' (did you mean lint?)\nSee 'kvctl --help' for usage.\n");
    KvctlRunner.Result option = run("fetch", "--fillename", "x");
    assertThat(option.err())
        .isEqualTo(
            "kvctl fetch: unknown option '--fillename' (did you mean --filename?)\n"
                + "See 'kvctl fetch --help' for usage.\n");
    KvctlRunner.Result far = run("xyzzy");
    assertThat(far.err())
        .isEqualTo("kvctl: unknown command 'xyzzy'\nSee 'kvctl --help' for usage.\n");
    KvctlRunner.Result missing = run("fetch");
    assertThat(missing.err().lines()).hasSize(2);
    assertThat(missing.err()).startsWith("kvctl fetch: missing required option: '--filename=FILE'");
  }

  @Test
  void missingSubcommandOrUnknownOptionIsAUsageError() {
    KvctlRunner.Result none = run();
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).startsWith("kvctl: missing command: lint, fetch, check-access");
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
