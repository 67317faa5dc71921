package io.kvflex.kvctl.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class YamlDocumentsTest {
  private final YamlDocuments yaml = new YamlDocuments();

  @Test
  void crlfLineEndingsKeepLinePositions() {
    List<ParsedDocument> docs = yaml.parse("w.yaml", "a: 1\r\n---\r\nb:\r\n  c: 2\r\n");
    assertThat(docs).hasSize(2);
    YNode.YMap second = (YNode.YMap) docs.get(1).root().orElseThrow();
    assertThat(second.map("b").orElseThrow().keyLocation("c").line()).isEqualTo(4);
  }

  @Test
  void byteOrderMarkIsDroppedByTheInput() {
    ManifestInput in = new ManifestInput("bom.yaml", "\uFEFFapiVersion: v1\nkind: Pod\n");
    assertThat(yaml.parse(in.name(), in.text()))
        .singleElement()
        .satisfies(d -> assertThat(d.problem()).isEmpty());
  }

  @Test
  void aliasesAreExpandedButAliasBombsAreRefused() {
    assertThat(yaml.parse("a.yaml", "x: &v {k: 1}\ny: *v\n").get(0).root()).isPresent();
    StringBuilder bomb = new StringBuilder("a: &a [x, x]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'k'; c++) {
      bomb.append(c)
          .append(": &")
          .append(c)
          .append(" [*")
          .append(prev)
          .append(", *")
          .append(prev)
          .append(", *")
          .append(prev)
          .append(", *")
          .append(prev)
          .append(", *")
          .append(prev)
          .append(", *")
          .append(prev)
          .append("]\n");
      prev = c;
    }
    List<ParsedDocument> docs = yaml.parse("bomb.yaml", bomb.toString());
    assertThat(docs)
        .singleElement()
        .satisfies(
            d ->
                assertThat(d.problem().orElseThrow())
                    .startsWith("the document expands to more than 1000000 nodes through aliases"));
  }

  @Test
  void aListOfManyObjectsSharingOneAnchoredMapIsRead() {
    StringBuilder sb = new StringBuilder("apiVersion: v1\nkind: List\nitems:\n");
    sb.append("  - metadata: {labels: &l {app: a}}\n");
    for (int i = 0; i < 500; i++) {
      sb.append("  - metadata: {labels: *l}\n");
    }
    ParsedDocument doc = yaml.parse("list.yaml", sb.toString()).get(0);
    assertThat(doc.problem()).isEmpty();
    YNode.YList items = ((YNode.YMap) doc.root().orElseThrow()).list("items").orElseThrow();
    assertThat(items.items()).hasSize(501);
  }

  @Test
  void longQuotedScalarsAreRead() {
    // 8 MiB in one quoted scalar: snakeyaml's default 1 KiB buffer made this quadratic (minutes);
    // bench/yaml-long-scalar.sh measures it.
    String value = "x".repeat(8 << 20);
    ParsedDocument doc = yaml.parse("big.yaml", "data:\n  k: \"" + value + "\"\n").get(0);
    assertThat(doc.problem()).isEmpty();
    assertThat(((YNode.YMap) doc.root().orElseThrow()).map("data").orElseThrow().string("k"))
        .hasValueSatisfying(v -> assertThat(v).hasSize(8 << 20));
  }

  @Test
  void aDocumentBeyondTheSizeCapIsRefusedWithTheReasonBeforeParsing() {
    String value = "x".repeat(YamlDocuments.MAX_DOCUMENT_CHARS);
    ParsedDocument doc = yaml.parse("huge.yaml", "a: 1\n---\nk: \"" + value + "\"\n").get(1);
    assertThat(doc.problem().orElseThrow())
        .startsWith("the document has 16 Mi characters, more than the 16 Mi kvctl reads");
    assertThat(doc.start().line()).isEqualTo(3);
  }

  @Test
  void helmTemplatesAreFlaggedNotParsed() {
    ParsedDocument doc = yaml.parse("t.yaml", "metadata:\n  name: {{ include \"x\" . }}\n").get(0);
    assertThat(doc.unrendered()).isTrue();
    assertThat(
            yaml.parse("p.yaml", "msg: \"{{ $labels.instance }} is down\"\n").get(0).unrendered())
        .as("a Prometheus alert template is not a Helm action")
        .isFalse();
  }

  @Test
  void renderedHelmStreamsKnowTheLineWithinTheTemplate() {
    ParsedDocument doc =
        yaml.parse("s.yaml", "a: 1\n---\n# Source: c/templates/x.yaml\nkind: Pod\nb: 2\n").get(1);
    YNode.YMap m = (YNode.YMap) doc.root().orElseThrow();
    assertThat(m.keyLocation("b").line()).isEqualTo(5);
    assertThat(m.keyLocation("b").templateLine()).isEqualTo(2);
    assertThat(m.keyLocation("b").template()).contains("c/templates/x.yaml");
  }

  @Test
  void absurdNestingIsAProblemNotAStackOverflow() {
    String deep = "[".repeat(400) + "]".repeat(400);
    List<ParsedDocument> docs = yaml.parse("deep.yaml", deep);
    assertThat(docs).singleElement().satisfies(d -> assertThat(d.problem()).isPresent());
  }

  @Test
  void separatorLinesWithCommentsAndDocumentEndMarkersAreHandled() {
    List<ParsedDocument> docs =
        yaml.parse("s.yaml", "--- # first\na: 1\n...\n---\n# only a comment\n---\nb: 2\n");
    assertThat(docs).hasSize(2);
    assertThat(docs.get(1).start().line()).isEqualTo(7);
    assertThat(docs).extracting(ParsedDocument::index).containsExactly(0, 1);
  }

  @Test
  void largeStreamsKeepDocumentOrder() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      sb.append("---\nn: ").append(i).append('\n');
    }
    List<ParsedDocument> docs = yaml.parse("big.yaml", sb.toString());
    assertThat(docs).hasSize(200);
    for (int i = 0; i < 200; i++) {
      YNode.YMap m = (YNode.YMap) docs.get(i).root().orElseThrow();
      assertThat(m.string("n")).contains(String.valueOf(i));
      assertThat(docs.get(i).index()).isEqualTo(i);
      assertThat(m.location().line()).isEqualTo(2 * i + 2);
    }
  }
}
