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
    assertThat(docs).singleElement().satisfies(d -> assertThat(d.problem()).isPresent());
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
