package io.kvflex.kvctl.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LintConfigTest {

  @Test
  void parsesRulesAndPathsAndSuppressesByThem() {
    LintConfig c =
        LintConfig.parse(
            ".kvctl.yaml",
            """
            rules:
              exclude: [vault-location-missing]
            paths:
              include: ["k8s/**"]
              exclude: ["k8s/**/tests/**"]
            """);
    assertThat(c.suppressionOf("vault-location-missing", ".kvctl.yaml"))
        .contains("excluded by .kvctl.yaml (rules.exclude)");
    assertThat(c.suppressionOf("invalid-vault-name", ".kvctl.yaml")).isEmpty();
    assertThat(c.ignoresPath("k8s/app/pod.yaml")).isFalse();
    assertThat(c.ignoresPath("k8s/chart/tests/t.yaml")).isTrue();
    assertThat(c.ignoresPath("other/pod.yaml")).isTrue();
  }

  @Test
  void includeReportsOnlyTheListedRules() {
    LintConfig c = LintConfig.parse("c", "rules: {include: [invalid-vault-name]}");
    assertThat(c.suppressionOf("invalid-vault-name", "c")).isEmpty();
    assertThat(c.suppressionOf("mount-not-read-only", "c")).contains("not in c rules.include");
  }

  @Test
  void emptyFileIsTheDefault() {
    assertThat(LintConfig.parse("c", "# nothing\n")).isEqualTo(LintConfig.DEFAULT);
  }

  @Test
  void rejectsUnknownKeysAndRuleIdsWithTheirPosition() {
    assertThatThrownBy(() -> LintConfig.parse("c", "rules: {}\nchecks: {}\n"))
        .hasMessage("invalid lint configuration: c:2:1: unknown key checks (use rules, paths)");
    assertThatThrownBy(() -> LintConfig.parse("c", "rules:\n  skip: [x]\n"))
        .hasMessageContaining("c:2:3: unknown key rules.skip");
    assertThatThrownBy(() -> LintConfig.parse("c", "rules: {exclude: [readonly]}"))
        .hasMessageContaining("unknown rule id readonly");
    assertThatThrownBy(() -> LintConfig.parse("c", "rules: {exclude: mount-not-read-only}"))
        .hasMessageContaining("rules.exclude must be a list");
    assertThatThrownBy(() -> LintConfig.parse("c", "rules: [a"))
        .isInstanceOf(LintConfig.InvalidConfigException.class);
  }
}
