package io.kvflex.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvflex.errors.UserInputException;
import io.kvflex.options.ObjectFormat;
import io.kvflex.options.ObjectType;
import io.kvflex.testsupport.Golden;
import io.kvflex.testsupport.KeyMaterial;
import io.kvflex.testsupport.Pem;
import io.kvflex.vault.VaultObject.Secret;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretRendererTest {
  private static final String PKCS12 = "application/x-pkcs12";
  private static final String PEM = "application/x-pem-file";

  private final ObjectRenderer renderer = new ObjectRenderer();
  private final Golden golden = Golden.in(Path.of("src/test/resources/io/kvflex/render/golden"));

  private byte[] render(Secret secret, ObjectFormat format) {
    return renderer
        .render(Fixtures.spec(ObjectType.SECRET, secret.ref().name(), format), secret, 0644)
        .bytes();
  }

  private static Secret fixtureSecret(String fixture, String contentType) {
    return Fixtures.secret(fixture.replace('.', '-'), Fixtures.text(fixture), contentType);
  }

  /** Every certificate-backed input, stored out of order, with openssl's expected key + chain. */
  @ParameterizedTest
  @CsvSource({
    "leaf-rsa.p12.b64, application/x-pkcs12, leaf-rsa.expected-chain.pem",
    "leaf-ec.p12.b64, application/x-pkcs12, leaf-ec.expected-chain.pem",
    "leaf-rsa.bundle.pem, application/x-pem-file, leaf-rsa.expected-chain.pem",
    "leaf-rsa.bundle-pkcs1.pem, application/x-pem-file, leaf-rsa.expected-chain.pem",
  })
  void pemIsPkcs8KeyThenChainLeafToRoot(String fixture, String contentType, String expected)
      throws Exception {
    byte[] pem = render(fixtureSecret(fixture, contentType), ObjectFormat.PEM);
    golden.assertMatches("secret-" + fixture + ".pem", pem);
    assertThat(new String(pem, StandardCharsets.US_ASCII)).isEqualTo(Fixtures.text(expected));
    Pem.KeyAndChain parsed = Pem.keyAndChain(pem);
    KeyMaterial.assertKeyMatchesLeafAndChainOrdered(parsed.key(), parsed.chain());
  }

  @Test
  void ecLegacyKeyWithAStaleSameNameIntermediatePicksTheRealIssuer() throws Exception {
    byte[] pem = render(fixtureSecret("leaf-ec.bundle-sec1.pem", PEM), ObjectFormat.PEM);
    golden.assertMatches("secret-leaf-ec.bundle-sec1.pem.pem", pem);
    // The real chain as openssl orders it, then the unrelated certificate (never dropped).
    assertThat(new String(pem, StandardCharsets.US_ASCII))
        .isEqualTo(
            Fixtures.text("leaf-ec.expected-chain.pem")
                + Fixtures.text("intermediate-ca-stale.crt.pem"));
    Pem.KeyAndChain parsed = Pem.keyAndChain(pem);
    KeyMaterial.assertKeyMatchesLeafAndChainOrdered(parsed.key(), parsed.chain().subList(0, 3));
  }

  @Test
  void plainPemWithoutCertificateContentTypePassesThrough() {
    Secret plain = fixtureSecret("plain-private-key.pem", null);
    assertThat(render(plain, ObjectFormat.PEM)).isEqualTo(Fixtures.bytes("plain-private-key.pem"));
  }

  @Test
  void pfxOfAPkcs12SecretIsTheStoredPfxDecoded() {
    byte[] pfx = render(fixtureSecret("leaf-rsa.p12.b64", PKCS12), ObjectFormat.PFX);
    golden.assertMatches("secret-leaf-rsa.p12.b64.pfx", pfx);
    assertThat(pfx).isEqualTo(Base64.getDecoder().decode(Fixtures.text("leaf-rsa.p12.b64")));
  }

  @Test
  void pfxWithoutContentTypeIsRecognisedFromTheBytes() {
    byte[] pfx = render(fixtureSecret("leaf-ec.p12.b64", null), ObjectFormat.PFX);
    assertThat(pfx).isEqualTo(Base64.getDecoder().decode(Fixtures.text("leaf-ec.p12.b64")));
  }

  /** Random salts make a built PKCS#12 differ on each run: check what it holds instead of bytes. */
  @ParameterizedTest
  @CsvSource({"leaf-rsa.bundle.pem", "leaf-rsa.bundle-pkcs1.pem", "leaf-ec.bundle-sec1.pem"})
  void pfxOfAPemSecretIsBuiltWithAnEmptyPassword(String fixture) throws Exception {
    byte[] pfx = render(fixtureSecret(fixture, PEM), ObjectFormat.PFX);
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(new ByteArrayInputStream(pfx), new char[0]);
    String alias = fixture.replace('.', '-');
    // The stale intermediate of the sec1 bundle is on no path: kept as a certificate entry.
    assertThat(java.util.Collections.list(store.aliases()))
        .containsExactlyInAnyOrderElementsOf(
            fixture.contains("sec1") ? List.of(alias, alias + "-other-1") : List.of(alias));
    PrivateKey key = (PrivateKey) store.getKey(alias, new char[0]);
    List<X509Certificate> chain =
        Arrays.stream(store.getCertificateChain(alias)).map(X509Certificate.class::cast).toList();
    KeyMaterial.assertKeyMatchesLeafAndChainOrdered(key, chain);
    // Same key and certificates as the pem rendering of the same secret.
    Pem.KeyAndChain pem = Pem.keyAndChain(render(fixtureSecret(fixture, PEM), ObjectFormat.PEM));
    assertThat(key.getEncoded()).isEqualTo(pem.key().getEncoded());
    assertThat(chain).isEqualTo(pem.chain().subList(0, 3));
  }

  @Test
  void rawIsTheStoredValueByteForByte() {
    String value = "  line one\r\nline two: ünïcödé\n";
    assertThat(render(Fixtures.secret("s", value, null), ObjectFormat.RAW))
        .isEqualTo(value.getBytes(StandardCharsets.UTF_8));
    assertThat(render(fixtureSecret("leaf-rsa.p12.b64", PKCS12), ObjectFormat.RAW))
        .isEqualTo(Fixtures.bytes("leaf-rsa.p12.b64"));
  }

  @Test
  void base64DecodesAndToleratesLineBreaksAndUrlAlphabet() {
    byte[] bytes = new byte[200];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 7);
    }
    String mime = Base64.getMimeEncoder().encodeToString(bytes) + "\n";
    assertThat(render(Fixtures.secret("b", mime, null), ObjectFormat.BASE64)).isEqualTo(bytes);
    String url = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    assertThat(render(Fixtures.secret("b", url, null), ObjectFormat.BASE64)).isEqualTo(bytes);
  }

  @Test
  void hexDecodesEitherCaseAndToleratesWhitespace() {
    assertThat(render(Fixtures.secret("h", "00 ff\nAb\tc0\n", null), ObjectFormat.HEX))
        .isEqualTo(new byte[] {0, (byte) 0xff, (byte) 0xab, (byte) 0xc0});
  }

  @Test
  void undecodableValuesAreClearErrorsWithoutTheValue() {
    String sentinel = "S3cr3t-Sentinel-Value!";
    assertThatThrownBy(() -> render(Fixtures.secret("pw", sentinel, null), ObjectFormat.BASE64))
        .isInstanceOf(UserInputException.class)
        .hasMessage(
            "secret/pw@"
                + Fixtures.VERSION
                + ": keyvaultobjectformats base64 does not fit this secret: the value is not valid"
                + " base64. Store the base64 text of the bytes, or use keyvaultobjectformats raw.")
        .hasNoCause();
    assertThatThrownBy(() -> render(Fixtures.secret("pw", sentinel, null), ObjectFormat.HEX))
        .hasMessage(
            "secret/pw@"
                + Fixtures.VERSION
                + ": keyvaultobjectformats hex does not fit this secret: the value is not hex"
                + " (only the digits 0-9 and a-f in pairs, whitespace ignored). Store the bytes as"
                + " hex digits, or use keyvaultobjectformats raw.");
    for (ObjectFormat format : List.of(ObjectFormat.PFX, ObjectFormat.PEM)) {
      assertThatThrownBy(() -> render(Fixtures.secret("pw", sentinel, null), format))
          .isInstanceOf(UserInputException.class)
          .hasMessageContaining("secret/pw@" + Fixtures.VERSION)
          .hasMessageContaining("keyvaultobjectformats " + format.optionValue())
          .hasMessageContaining(
              "the value is not certificate-backed: its content type is neither"
                  + " application/x-pkcs12 nor application/x-pem-file")
          .hasMessageContaining("Use keyvaultobjectformats raw")
          .satisfies(e -> assertNoSentinel(e, sentinel));
    }
  }

  @Test
  void pkcs12ContentTypeWithGarbageIsAClearError() {
    byte[] notPkcs12 = "S3cr3t-Sentinel-Value".getBytes(StandardCharsets.US_ASCII);
    Secret secret = Fixtures.secret("tls", Base64.getEncoder().encodeToString(notPkcs12), PKCS12);
    for (ObjectFormat format : List.of(ObjectFormat.PFX, ObjectFormat.PEM)) {
      assertThatThrownBy(() -> render(secret, format))
          .isInstanceOf(UserInputException.class)
          .hasMessageContaining(
              "the value is not a readable PKCS#12 (the file is truncated, damaged or not"
                  + " PKCS#12)");
    }
  }

  @Test
  void pemBundleProblemsAreNamed() {
    String leaf = Fixtures.text("leaf-rsa.crt.pem");
    String ecKey = Fixtures.text("plain-private-key.pem");
    assertThatThrownBy(() -> render(Fixtures.secret("tls", ecKey + leaf, PEM), ObjectFormat.PEM))
        .hasMessageContaining(
            "the value holds a private key that belongs to none of its 1 certificate(s)");
    assertThatThrownBy(() -> render(Fixtures.secret("tls", ecKey, PEM), ObjectFormat.PEM))
        .hasMessageContaining("the value holds no CERTIFICATE block");
    String encrypted =
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMAA=\n-----END ENCRYPTED PRIVATE KEY-----\n";
    assertThatThrownBy(
            () -> render(Fixtures.secret("tls", encrypted + leaf, PEM), ObjectFormat.PEM))
        .hasMessageContaining("password-protected private key");
    String legacyEncrypted =
        "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nMAA=\n"
            + "-----END RSA PRIVATE KEY-----\n";
    assertThatThrownBy(
            () -> render(Fixtures.secret("tls", legacyEncrypted + leaf, PEM), ObjectFormat.PEM))
        .hasMessageContaining("has an encrypted PEM block \"RSA PRIVATE KEY\"");
    assertThatThrownBy(
            () ->
                render(
                    Fixtures.secret("tls", leaf.replace("END CERT", "END CORT"), PEM),
                    ObjectFormat.PEM))
        .hasMessageContaining("whose END line does not match");
  }

  @Test
  void certificatesWithoutKeyAreOrderedLeafFirst() throws Exception {
    String stored =
        Fixtures.text("root-ca.crt.pem")
            + Fixtures.text("leaf-rsa.crt.pem")
            + Fixtures.text("intermediate-ca.crt.pem");
    byte[] pem = render(Fixtures.secret("chain", stored, PEM), ObjectFormat.PEM);
    assertThat(new String(pem, StandardCharsets.US_ASCII))
        .isEqualTo(
            Fixtures.text("leaf-rsa.crt.pem")
                + Fixtures.text("intermediate-ca.crt.pem")
                + Fixtures.text("root-ca.crt.pem"));
  }

  @Test
  void windowsLineEndingsAreAccepted() {
    String crlf = Fixtures.text("leaf-rsa.bundle.pem").replace("\n", "\r\n");
    assertThat(render(Fixtures.secret("tls", crlf, PEM), ObjectFormat.PEM))
        .isEqualTo(Fixtures.bytes("leaf-rsa.expected-chain.pem"));
  }

  /** Every way a value can fail to fit: the message never quotes it and carries no JDK cause. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "SENTINEL!           | -                    | base64",
        "SENTINEL            | -                    | hex",
        "SENTINEL            | -                    | pem",
        "SENTINEL            | -                    | pfx",
        "b64:SENTINEL        | application/x-pkcs12 | pem",
        "b64:SENTINEL        | application/x-pkcs12 | pfx",
        "SENTINEL!           | application/x-pkcs12 | pem",
        "cert:SENTINEL       | application/x-pem-file | pem",
        "cert:SENTINEL       | application/x-pem-file | pfx",
        "label:SENTINEL      | application/x-pem-file | pem",
        "key:SENTINEL        | application/x-pem-file | pem",
      })
  void errorsNeverQuoteTheValue(String shape, String contentType, String format) {
    String sentinel = "S3cr3tSentinel0x";
    String value =
        switch (shape.substring(0, shape.indexOf("SENTINEL"))) {
          case "b64:" ->
              Base64.getEncoder().encodeToString(sentinel.getBytes(StandardCharsets.US_ASCII));
          case "cert:" ->
              "-----BEGIN CERTIFICATE-----\n" + sentinel + "\n-----END CERTIFICATE-----\n";
          case "label:" ->
              "-----BEGIN " + sentinel + "-----\nAAAA\n-----END " + sentinel + "-----\n";
          case "key:" ->
              "-----BEGIN PRIVATE KEY-----\n"
                  + sentinel
                  + "\n-----END PRIVATE KEY-----\n"
                  + Fixtures.text("leaf-rsa.crt.pem");
          default -> shape.replace("SENTINEL", sentinel);
        };
    Secret secret = Fixtures.secret("s", value, contentType.equals("-") ? null : contentType);
    assertThatThrownBy(() -> render(secret, ObjectFormat.fromOption(format).orElseThrow()))
        .isInstanceOf(UserInputException.class)
        .hasNoCause()
        .hasMessageStartingWith(
            "secret/s@" + Fixtures.VERSION + ": keyvaultobjectformats " + format)
        .satisfies(e -> assertNoSentinel(e, sentinel));
  }

  private static void assertNoSentinel(Throwable e, String sentinel) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(sentinel);
      assertThat(t.toString()).doesNotContain(sentinel);
    }
  }
}
