package io.kvflex.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.options.ObjectFormat;
import io.kvflex.options.ObjectType;
import io.kvflex.testsupport.KeyMaterial;
import io.kvflex.testsupport.Pem;
import io.kvflex.vault.VaultObject.Secret;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PBMAC1Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.pkcs.bc.BcPKCS12PBMac1CalculatorBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PKCS#12 writers the command-line matrix does not cover, run at test time: BouncyCastle (its
 * builder and its KeyStore, BER-encoded, the zero-byte form of the empty password), RFC 9579
 * PBMAC1, and the JDK KeyStore that kvflex, localvault and most Java programs use. Same oracle as
 * {@link Pkcs12ProducersTest}: OpenSSL's key + chain.
 */
class Pkcs12WritersTest {
  private static final String PKCS12 = "application/x-pkcs12";
  private final ObjectRenderer renderer = new ObjectRenderer();

  @ParameterizedTest
  @ValueSource(strings = {"rsa", "ec"})
  void bouncyCastleBuilderWithPlainOrShroudedKeyAndSha1Mac(String key) throws Exception {
    Pem.KeyAndChain m = Pkcs12Files.material(key);
    assertRendersTheOracle(
        key, new Pkcs12Files().plainKey(m.key()).certificates(m.chain()).build(true));
    assertRendersTheOracle(
        key, new Pkcs12Files().shroudedKey(m.key()).certificates(m.chain()).build(true));
    assertRendersTheOracle(
        key, new Pkcs12Files().shroudedKey(m.key()).certificates(m.chain()).build(false));
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsa", "ec"})
  void theSameKeyStoredTwiceCountsOnce(String key) throws Exception {
    Pem.KeyAndChain m = Pkcs12Files.material(key);
    assertRendersTheOracle(
        key,
        new Pkcs12Files()
            .plainKey(m.key())
            .shroudedKey(m.key())
            .certificates(m.chain())
            .certificates(m.chain().subList(1, 3))
            .build(true));
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsa", "ec"})
  void bouncyCastleKeyStoreWritesBer(String key) throws Exception {
    Pem.KeyAndChain m = Pkcs12Files.material(key);
    KeyStore store = KeyStore.getInstance("PKCS12", new BouncyCastleProvider());
    store.load(null, null);
    store.setKeyEntry("app", m.key(), new char[0], m.chain().toArray(new Certificate[0]));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    store.store(out, new char[0]);
    byte[] pfx = out.toByteArray();
    assertThat(pfx[1] & 0xff).as("BER, indefinite length").isEqualTo(0x80);
    assertRendersTheOracle(key, pfx);
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsa", "ec"})
  void pbmac1IntegrityOfRfc9579(String key) throws Exception {
    Pem.KeyAndChain m = Pkcs12Files.material(key);
    AlgorithmIdentifier hmacSha256 =
        new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE);
    PBMAC1Params params =
        new PBMAC1Params(
            new AlgorithmIdentifier(
                PKCSObjectIdentifiers.id_PBKDF2,
                new PBKDF2Params(new byte[16], 2048, 32, hmacSha256)),
            hmacSha256);
    assertRendersTheOracle(
        key,
        new Pkcs12Files()
            .shroudedKey(m.key())
            .certificates(m.chain())
            .build(new BcPKCS12PBMac1CalculatorBuilder(params)));
  }

  /** What kvflex's own pfx format, localvault and Java programs write: the JDK KeyStore. */
  @ParameterizedTest
  @ValueSource(strings = {"leaf-rsa.bundle.pem", "leaf-ec.bundle-sec1.pem"})
  void aPfxKvflexBuiltReadsBackToTheSameKeyAndChain(String bundle) {
    Secret pemSecret = Fixtures.secret("tls", Fixtures.text(bundle), "application/x-pem-file");
    byte[] pfx = render(pemSecret, ObjectFormat.PFX);
    String key = bundle.contains("rsa") ? "rsa" : "ec";
    String expected = Fixtures.text("leaf-" + key + ".expected-chain.pem");
    if (bundle.contains("sec1")) {
      // this bundle also holds a stale intermediate on no path: written after the chain
      expected += Fixtures.text("intermediate-ca-stale.crt.pem");
    }
    byte[] pem = render(Fixtures.secret("tls", Pkcs12Files.base64(pfx), PKCS12), ObjectFormat.PEM);
    assertThat(new String(pem, StandardCharsets.US_ASCII)).isEqualTo(expected);
  }

  private void assertRendersTheOracle(String key, byte[] pfx) throws Exception {
    Secret secret = Fixtures.secret("tls", Pkcs12Files.base64(pfx), PKCS12);
    byte[] pem = render(secret, ObjectFormat.PEM);
    assertThat(new String(pem, StandardCharsets.US_ASCII))
        .isEqualTo(Fixtures.text("leaf-" + key + ".expected-chain.pem"));
    Pem.KeyAndChain parsed = Pem.keyAndChain(pem);
    KeyMaterial.assertKeyMatchesLeafAndChainOrdered(parsed.key(), parsed.chain());
    assertThat(render(secret, ObjectFormat.PFX)).isEqualTo(pfx);
  }

  private byte[] render(Secret secret, ObjectFormat format) {
    return renderer
        .render(Fixtures.spec(ObjectType.SECRET, secret.ref().name(), format), secret, 0600)
        .bytes();
  }
}
