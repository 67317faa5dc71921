package io.kvflex.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PemTest {
  @Test
  void encodesCanonically() {
    byte[] der = new byte[100];
    String pem = Pem.encode("X", der);
    List<String> lines = List.of(pem.split("\n", -1));
    assertThat(lines.get(0)).isEqualTo("-----BEGIN X-----");
    assertThat(lines.get(1)).hasSize(64);
    assertThat(lines.get(2)).hasSize(64);
    assertThat(lines.get(3)).hasSize(136 - 128);
    assertThat(lines.get(4)).isEqualTo("-----END X-----");
    assertThat(lines.get(5)).as("trailing newline").isEmpty();
    assertThat(lines).hasSize(6);
    assertThat(pem).doesNotContain("\r");
    assertThat(Pem.encode("X", new byte[48]))
        .isEqualTo("-----BEGIN X-----\n" + "A".repeat(64) + "\n-----END X-----\n");
  }

  @Test
  void parsesWhatItWritesAmidOtherText() throws Exception {
    byte[] der = {1, 2, 3, 4, 5};
    String text = "Bag Attributes\r\n" + Pem.encode("A B", der).replace("\n", "\r\n") + "trailer";
    List<Pem.Block> blocks = Pem.parse(text);
    assertThat(blocks).hasSize(1);
    assertThat(blocks.get(0).label()).isEqualTo("A B");
    assertThat(blocks.get(0).der()).containsExactly(der);
  }

  @Test
  void malformedBlocksAreNamedWithoutQuotingContent() {
    assertThatThrownBy(() -> Pem.parse("-----BEGIN CERTIFICATE-----\nAAAA\n"))
        .hasMessage("has a PEM block \"CERTIFICATE\" without an END line");
    assertThatThrownBy(
            () -> Pem.parse("-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n"))
        .hasMessage("has a PEM block \"CERTIFICATE\" that is not valid base64");
    assertThatThrownBy(() -> Pem.parse("-----BEGIN my secret is hunter2-----\nAAAA\n"))
        .hasMessage("has a PEM block (with an unusual label) without an END line");
  }
}
