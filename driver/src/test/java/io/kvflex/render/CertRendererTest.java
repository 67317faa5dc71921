package io.kvflex.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.options.ObjectFormat;
import io.kvflex.options.ObjectType;
import io.kvflex.testsupport.Golden;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CertRendererTest {
  private final ObjectRenderer renderer = new ObjectRenderer();
  private final Golden golden = Golden.in(Path.of("src/test/resources/io/kvflex/render/golden"));

  private byte[] render(String fixture, ObjectFormat format) {
    return renderer
        .render(
            Fixtures.spec(ObjectType.CERT, fixture, format),
            Fixtures.cert(fixture, Fixtures.bytes(fixture + ".crt.der")),
            0644)
        .bytes();
  }

  @ParameterizedTest
  @ValueSource(strings = {"leaf-rsa", "leaf-ec"})
  void pemIsOneCertificateBlockAsOpensslWritesIt(String fixture) {
    byte[] pem = render(fixture, ObjectFormat.PEM);
    golden.assertMatches("cert-" + fixture + ".pem", pem);
    assertThat(new String(pem, StandardCharsets.US_ASCII))
        .isEqualTo(Fixtures.text(fixture + ".crt.pem"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"leaf-rsa", "leaf-ec"})
  void derIsTheLegacyRawBytes(String fixture) {
    byte[] der = render(fixture, ObjectFormat.DER);
    golden.assertMatches("cert-" + fixture + ".der", der);
    assertThat(der).isEqualTo(Fixtures.bytes(fixture + ".crt.der"));
  }
}
