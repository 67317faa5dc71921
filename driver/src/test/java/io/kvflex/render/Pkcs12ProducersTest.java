package io.kvflex.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.options.ObjectFormat;
import io.kvflex.options.ObjectType;
import io.kvflex.testsupport.KeyMaterial;
import io.kvflex.testsupport.Pem;
import io.kvflex.vault.VaultObject.Secret;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every PKCS#12 of the producer matrix ({@code producers/regenerate.sh}: OpenSSL 3 default,
 * -legacy, unencrypted bags with and without MAC, -nomac, Python {@code cryptography}, a
 * Windows/Key Vault-style export with CSP attributes), RSA and EC, as an {@code
 * application/x-pkcs12} secret in the {@code pem}, {@code pfx} and {@code base64} formats. The
 * oracle is OpenSSL's own key + chain ({@code fixtures/leaf-*.expected-chain.pem}) and {@link
 * KeyMaterial}, independent of the code under test.
 */
class Pkcs12ProducersTest {
  private static final String PKCS12 = "application/x-pkcs12";

  /** Producers whose files the JDK KeyStore reads completely: a second, independent reader. */
  private static final Set<String> JDK_READS =
      Set.of("openssl3-default", "openssl-legacy", "openssl-nomac", "windows-csp");

  private final ObjectRenderer renderer = new ObjectRenderer();

  static Stream<Arguments> matrix() {
    return Stream.of(
            "openssl3-default",
            "openssl-legacy",
            "openssl-none",
            "openssl-none-nomac",
            "openssl-nomac",
            "python-noencryption",
            "windows-csp")
        .flatMap(producer -> Stream.of("rsa", "ec").map(key -> Arguments.of(producer, key)));
  }

  @ParameterizedTest(name = "{0}-{1}")
  @MethodSource("matrix")
  void pemIsTheKeyThenTheChainLeafToRoot(String producer, String key) throws Exception {
    byte[] pem = render(secret(producer, key, PKCS12), ObjectFormat.PEM);
    assertThat(new String(pem, StandardCharsets.US_ASCII))
        .isEqualTo(Fixtures.text("leaf-" + key + ".expected-chain.pem"));
    Pem.KeyAndChain parsed = Pem.keyAndChain(pem);
    KeyMaterial.assertKeyMatchesLeafAndChainOrdered(parsed.key(), parsed.chain());
  }

  @ParameterizedTest(name = "{0}-{1}")
  @MethodSource("matrix")
  void pfxIsTheStoredFileOnceCheckedToHoldTheKeyAndItsChain(String producer, String key)
      throws Exception {
    byte[] pfx = render(secret(producer, key, PKCS12), ObjectFormat.PFX);
    assertThat(pfx).isEqualTo(file(producer, key));
    if (JDK_READS.contains(producer)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(new ByteArrayInputStream(pfx), new char[0]);
      String alias = Collections.list(store.aliases()).get(0);
      List<X509Certificate> chain =
          Arrays.stream(store.getCertificateChain(alias)).map(X509Certificate.class::cast).toList();
      PrivateKey jdkKey = (PrivateKey) store.getKey(alias, new char[0]);
      KeyMaterial.assertKeyMatchesLeafAndChainOrdered(jdkKey, chain);
      Pem.KeyAndChain oracle =
          Pem.keyAndChain(Fixtures.bytes("leaf-" + key + ".expected-chain.pem"));
      assertThat(jdkKey.getEncoded()).isEqualTo(oracle.key().getEncoded());
      assertThat(chain).isEqualTo(oracle.chain());
    }
  }

  @ParameterizedTest(name = "{0}-{1}")
  @MethodSource("matrix")
  void base64IsTheFileItself(String producer, String key) {
    assertThat(render(secret(producer, key, PKCS12), ObjectFormat.BASE64))
        .isEqualTo(file(producer, key));
  }

  /** A PFX stored by hand, without a content type, is recognised from its bytes. */
  @ParameterizedTest(name = "{0}-{1}")
  @MethodSource("matrix")
  void withoutAContentTypeTheFileIsRecognised(String producer, String key) {
    Secret untyped = secret(producer, key, null);
    assertThat(new String(render(untyped, ObjectFormat.PEM), StandardCharsets.US_ASCII))
        .isEqualTo(Fixtures.text("leaf-" + key + ".expected-chain.pem"));
    assertThat(render(untyped, ObjectFormat.PFX)).isEqualTo(file(producer, key));
  }

  private byte[] render(Secret secret, ObjectFormat format) {
    return renderer
        .render(Fixtures.spec(ObjectType.SECRET, secret.ref().name(), format), secret, 0600)
        .bytes();
  }

  static byte[] file(String producer, String key) {
    return Fixtures.producer(producer + "-" + key + ".p12");
  }

  /** The file as Key Vault stores a certificate-backed secret: one line of standard base64. */
  static Secret secret(String producer, String key, String contentType) {
    return Fixtures.secret(
        producer + "-" + key, Base64.getEncoder().encodeToString(file(producer, key)), contentType);
  }
}
