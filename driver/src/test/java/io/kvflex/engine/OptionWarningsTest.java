package io.kvflex.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.options.OptionsParser;
import io.kvflex.options.ParseResult;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OptionWarningsTest {
  static Map<String, String> options() {
    Map<String, String> m = new HashMap<>();
    m.put("keyvaultname", "myvault");
    m.put("keyvaultobjectnames", "a");
    m.put("keyvaultobjecttypes", "secret");
    m.put("tenantid", "72f988bf-86f1-41af-91ab-2d7cd011db47");
    m.put("usevmmanagedidentity", "true");
    return m;
  }

  @Test
  void thousandsOfUnknownKeysBecomeOneBoundedLine() {
    Map<String, String> m = options();
    for (int i = 0; i < 9000; i++) {
      m.put("made-up-" + i + "x".repeat(200), "v");
    }
    m.put("nmiport", "2579");
    ParseResult r = new OptionsParser().parse(m, Optional.empty());
    assertThat(r.warnings()).hasSizeGreaterThan(9000);
    var lines = OptionWarnings.summarise(r.warnings());
    assertThat(lines).hasSize(2);
    assertThat(lines).anyMatch(l -> l.contains("nmiport"));
    String unknown =
        lines.stream().filter(l -> l.startsWith("9000 option keys")).findFirst().orElseThrow();
    assertThat(unknown)
        .contains("are not kvflex options and are ignored")
        .contains("and 8990 more")
        .hasSizeLessThan(2000);
  }

  @Test
  void oneUnknownKeyKeepsItsDidYouMean() {
    Map<String, String> m = options();
    m.put("keyvaultobjectnmaes", "a");
    var lines = OptionWarnings.summarise(new OptionsParser().parse(m, Optional.empty()).warnings());
    assertThat(lines).singleElement().asString().contains("did you mean keyvaultobjectnames");
  }
}
