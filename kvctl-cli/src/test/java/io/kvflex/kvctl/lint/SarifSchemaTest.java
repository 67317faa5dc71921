package io.kvflex.kvctl.lint;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * SARIF output of every corpus file validates against the SARIF 2.1.0 JSON schema (vendored as
 * {@code lint/sarif-schema-2.1.0.json}: the SchemaStore copy of the OASIS 2.1.0 schema, shipped in
 * the npm package {@code @microsoft/jest-sarif}), and carries what GitHub code scanning needs.
 */
class SarifSchemaTest {
  private static Schema schema;

  @BeforeAll
  static void loadSchema() throws IOException {
    try (InputStream in =
        SarifSchemaTest.class.getResourceAsStream("/lint/sarif-schema-2.1.0.json")) {
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
    }
  }

  @Test
  void everyCorpusFileProducesSchemaValidSarif() throws IOException {
    for (String file : GoldenLintTest.corpus()) {
      String sarif = GoldenLintTest.lint(file, "sarif").out();
      List<Error> errors = schema.validate(sarif, InputFormat.JSON);
      assertThat(errors).as(file).isEmpty();
    }
  }

  @Test
  void theSchemaCheckCanFail() {
    String broken = "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {}, \"results\": []}]}";
    assertThat(schema.validate(broken, InputFormat.JSON)).isNotEmpty();
  }

  @Test
  void resultsCarryRegionsRuleIndexesAndRuleHelp() throws IOException {
    String sarif = GoldenLintTest.lint("bad-identity.yaml", "sarif").out();
    JsonNode run = new ObjectMapper().readTree(sarif).get("runs").get(0);
    JsonNode rules = run.get("tool").get("driver").get("rules");
    assertThat(rules.size()).isEqualTo(Rules.all().size());
    for (JsonNode rule : rules) {
      assertThat(rule.get("help").get("text").asString()).contains("Fix:");
    }
    assertThat(run.get("results").size()).isGreaterThan(5);
    for (JsonNode result : run.get("results")) {
      int index = result.get("ruleIndex").asInt();
      assertThat(rules.get(index).get("id").asString()).isEqualTo(result.get("ruleId").asString());
      JsonNode physical = result.get("locations").get(0).get("physicalLocation");
      assertThat(physical.get("region").get("startLine").asInt()).isGreaterThan(1);
      assertThat(physical.get("artifactLocation").get("uri").asString())
          .isEqualTo("corpus/bad-identity.yaml");
    }
  }

  @Test
  void renderedHelmStreamsAreAttributedToTheirTemplates() throws IOException {
    String sarif = GoldenLintTest.lint("stdin-helm.yaml", "sarif").out();
    assertThat(sarif)
        .contains("\"uri\": \"shop/templates/deployment.yaml\"")
        .contains("\"renderedFrom\": \"<stdin>\"");
    assertThat(Files.exists(GoldenLintTest.LINT.resolve("sarif-schema-2.1.0.json"))).isTrue();
  }
}
