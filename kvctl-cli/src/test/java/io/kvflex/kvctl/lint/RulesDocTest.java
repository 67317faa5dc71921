package io.kvflex.kvctl.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.kvctl.KvctlRunner;
import io.kvflex.options.OptionRule;
import io.kvflex.testsupport.Golden;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RulesDocTest {
  /** The committed page, at the repository root (tests run in the module directory). */
  static final Path RULES_MD = Path.of("..", "docs", "rules.md");

  @Test
  void docsRulesMdIsTheGeneratedPage() throws IOException {
    String generated = new KvctlRunner().run("rules", "-o", "markdown").out();
    // Stale? Regenerate: -Dkvflex.golden.update=true, or ./kvctl rules -o markdown.
    Golden.in(RULES_MD.getParent()).assertMatches(RULES_MD.getFileName().toString(), generated);
  }

  @Test
  void ruleIdsAreUniqueKebabCaseAndEveryDriverRuleIsAccountedFor() {
    Set<String> ids = new HashSet<>();
    for (Rule r : Rules.all()) {
      assertThat(ids.add(r.id())).as("duplicate id " + r.id()).isTrue();
      assertThat(r.id()).matches("[a-z]+(-[a-z0-9]+)*");
      assertThat(r.fix()).isNotBlank();
    }
    for (OptionRule r : OptionRule.values()) {
      assertThat(ids.contains(r.id()) || OptionRuleDocs.NOT_APPLICABLE.contains(r))
          .as(r.id())
          .isTrue();
    }
  }

  @Test
  void plainListingShowsEveryRule() {
    KvctlRunner.Result r = new KvctlRunner().run("rules");
    assertThat(r.exit()).isZero();
    assertThat(r.out().lines()).hasSize(Rules.all().size());
    assertThat(r.out()).contains("missing-secretref").contains("invalid-vault-name");
    assertThat(new KvctlRunner().run("rules", "-o", "yaml").exit()).isEqualTo(2);
  }
}
