package io.kvflex.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvflex.errors.UserInputException;
import io.kvflex.options.ObjectFormat;
import io.kvflex.options.ObjectType;
import io.kvflex.testsupport.Pem;
import io.kvflex.vault.VaultObject.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.AuthenticatedSafe;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.MacData;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every PKCS#12 that cannot become a key and chain fails with a message that names the object, the
 * format and what is wrong, and a fix; never a stack trace, never "a kvflex defect".
 */
class Pkcs12ErrorsTest {
  private static final String PKCS12 = "application/x-pkcs12";
  private static final String PREFIX =
      "secret/tls@" + Fixtures.VERSION + ": keyvaultobjectformats ";
  private static final String PASSWORD_FIX =
      "Import the file into Key Vault as a certificate (az keyvault certificate import --password"
          + " ...) and mount its secret, or re-export it with an empty password (openssl pkcs12"
          + " -export -passout pass:).";

  private final ObjectRenderer renderer = new ObjectRenderer();

  @ParameterizedTest
  @CsvSource({
    "openssl-password-rsa.p12, its integrity check (MAC) fails with the empty password",
    "openssl-password-ec.p12, its integrity check (MAC) fails with the empty password",
    "keytool-changeit-rsa.p12, its integrity check (MAC) fails with the empty password",
    "keytool-changeit-ec.p12, its integrity check (MAC) fails with the empty password",
    "openssl-password-nomac-rsa.p12, its encrypted contents do not decrypt with the empty password",
    "openssl-password-nomac-ec.p12, its encrypted contents do not decrypt with the empty password",
  })
  void aFileWithARealPasswordSaysSoAndHowToFixIt(String file, String evidence) {
    for (String format : List.of("pem", "pfx")) {
      assertThatThrownBy(() -> render(Fixtures.producer(file), format))
          .isInstanceOf(UserInputException.class)
          .hasNoCause()
          .hasMessage(
              PREFIX
                  + format
                  + " does not fit this secret: the value is a PKCS#12 protected by a password ("
                  + evidence
                  + "); kvflex opens PKCS#12 files with the empty password Key Vault uses. "
                  + PASSWORD_FIX)
          .hasMessageNotContaining("S3cr3t-Sentinel");
    }
  }

  @Test
  void certificatesWithoutKeyArePemButNoPfx() {
    byte[] pem = render(Fixtures.producer("certificates-only.p12"), "pem");
    String expected = Fixtures.text("leaf-rsa.expected-chain.pem");
    assertThat(new String(pem, StandardCharsets.US_ASCII))
        .isEqualTo(expected.substring(expected.indexOf("-----BEGIN CERTIFICATE-----")));
    assertThatThrownBy(() -> render(Fixtures.producer("certificates-only.p12"), "pfx"))
        .isInstanceOf(UserInputException.class)
        .hasMessage(
            PREFIX
                + "pfx does not fit this secret: the value is a PKCS#12 without a private key (Key"
                + " Vault stores none when the certificate's key is not exportable), so it is no"
                + " PFX a server can use. Use keyvaultobjectformats pem for the certificates alone,"
                + " or make the certificate's key exportable in its Key Vault policy.");
  }

  @Test
  void severalKeysAKeyWithoutItsCertificateAndAnEmptyFileAreNamed() {
    Pem.KeyAndChain rsa = Pkcs12Files.material("rsa");
    Pem.KeyAndChain ec = Pkcs12Files.material("ec");
    String fix =
        ". Store exactly one private key together with its own certificate and chain, or use"
            + " keyvaultobjectformats raw.";
    byte[] twoKeys =
        new Pkcs12Files()
            .shroudedKey(rsa.key())
            .shroudedKey(ec.key())
            .certificates(rsa.chain())
            .certificates(ec.chain().subList(0, 1))
            .build(true);
    assertFails(
        twoKeys,
        "holds 2 different private keys; a certificate-backed secret holds exactly one, the key of"
            + " its leaf certificate"
            + fix);
    byte[] foreignKey = new Pkcs12Files().plainKey(ec.key()).certificates(rsa.chain()).build(true);
    assertFails(
        foreignKey,
        "holds a private key that belongs to none of its 3 certificate(s). Store the private key"
            + " together with its own certificate (matched by public key) and chain, or use"
            + " keyvaultobjectformats raw.");
    assertFails(
        new Pkcs12Files().plainKey(rsa.key()).build(true),
        "holds a private key but no certificate" + fix);
    for (String format : List.of("pem", "pfx")) {
      assertThatThrownBy(() -> render(new Pkcs12Files().build(true), format))
          .isInstanceOf(UserInputException.class)
          .hasMessageStartingWith(
              PREFIX
                  + format
                  + " does not fit this secret: the value is a PKCS#12 with neither a private key"
                  + " nor a certificate. Use keyvaultobjectformats raw");
    }
  }

  @Test
  void publicKeyModesAndExcessiveIterationsAreRefused() throws Exception {
    Pfx pfx = Pfx.getInstance(Fixtures.producer("windows-csp-rsa.p12"));
    MacData mac = pfx.getMacData();
    byte[] slow =
        new Pfx(pfx.getAuthSafe(), new MacData(mac.getMac(), mac.getSalt(), 5_000_001))
            .getEncoded(ASN1Encoding.DER);
    assertFails(
        slow,
        "is a PKCS#12 whose key derivation asks for more than 5000000 iterations, more than kvflex"
            + " spends on one file. Re-export it with standard algorithms and an empty password"
            + " (openssl pkcs12 -export -passout pass:), or import it into Key Vault as a"
            + " certificate and mount its secret.");
    byte[] signed =
        new Pfx(new ContentInfo(PKCSObjectIdentifiers.signedData, new DERSequence()), null)
            .getEncoded(ASN1Encoding.DER);
    assertFails(
        signed,
        "is a PKCS#12 in public-key integrity mode (signed), which kvflex does not read. Re-export"
            + " it in password integrity mode with an empty password (openssl pkcs12 -export"
            + " -passout pass:).");
    AuthenticatedSafe enveloped =
        new AuthenticatedSafe(
            new ContentInfo[] {
              new ContentInfo(PKCSObjectIdentifiers.envelopedData, new DERSequence())
            });
    byte[] envelopedPfx =
        new Pfx(
                new ContentInfo(
                    PKCSObjectIdentifiers.data,
                    new DEROctetString(enveloped.getEncoded(ASN1Encoding.DER))),
                null)
            .getEncoded(ASN1Encoding.DER);
    assertFails(
        envelopedPfx,
        "is a PKCS#12 in public-key privacy mode (enveloped), which kvflex does not read."
            + " Re-export it with password privacy and an empty password (openssl pkcs12 -export"
            + " -passout pass:).");
  }

  @Test
  void aCipherTheJavaRuntimeLacksIsNamed() {
    Pem.KeyAndChain rsa = Pkcs12Files.material("rsa");
    assertFails(
        new Pkcs12Files().twoKeyTripleDesKey(rsa.key()).certificates(rsa.chain()).build(true),
        "is a PKCS#12 whose encryption algorithm (1.2.840.113549.1.12.1.4) this Java runtime lacks."
            + " Re-export it with standard algorithms and an empty password (openssl pkcs12"
            + " -export -passout pass:), or import it into Key Vault as a certificate and mount its"
            + " secret.");
  }

  /** Cut short anywhere, or with any byte changed: a user error or the same rendering. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "windows-csp-rsa.p12",
        "openssl3-default-ec.p12",
        "openssl-none-nomac-rsa.p12",
        "python-noencryption-ec.p12"
      })
  void truncatedOrDamagedFilesAreUserErrors(String file) {
    byte[] good = Fixtures.producer(file);
    for (int length = 0; length < good.length; length += 1 + length / 3) {
      assertUserErrorOrRendered(Arrays.copyOf(good, length));
    }
    Random random = new Random(file.hashCode());
    for (int i = 0; i < 150; i++) {
      byte[] damaged = good.clone();
      damaged[random.nextInt(damaged.length)] ^= (byte) (1 + random.nextInt(255));
      assertUserErrorOrRendered(damaged);
    }
  }

  @Test
  void garbageIsAUserError() {
    Random random = new Random(7);
    for (int i = 0; i < 50; i++) {
      byte[] noise = new byte[random.nextInt(3000)];
      random.nextBytes(noise);
      // Half of them start like a PKCS#12 (SEQUENCE, version 3), so the reader really runs.
      if (i % 2 == 0 && noise.length > 8) {
        System.arraycopy(new byte[] {0x30, (byte) 0x80, 2, 1, 3}, 0, noise, 0, 5);
      }
      assertUserErrorOrRendered(noise);
    }
    // Deeply nested indefinite-length sequences must not overflow the stack.
    byte[] nested = new byte[30_000];
    for (int i = 0; i < nested.length; i += 2) {
      nested[i] = 0x30;
      nested[i + 1] = (byte) 0x80;
    }
    assertUserErrorOrRendered(nested);
  }

  private void assertUserErrorOrRendered(byte[] pkcs12) {
    for (String format : List.of("pem", "pfx")) {
      try {
        render(pkcs12, format);
      } catch (UserInputException expected) {
        assertThat(expected).hasNoCause();
        assertThat(expected.getMessage())
            .startsWith(PREFIX + format + " does not fit this secret: the value ");
      }
    }
  }

  private void assertFails(byte[] pkcs12, String problemAndFix) {
    for (String format : List.of("pem", "pfx")) {
      assertThatThrownBy(() -> render(pkcs12, format))
          .isInstanceOf(UserInputException.class)
          .hasNoCause()
          .hasMessage(PREFIX + format + " does not fit this secret: the value " + problemAndFix);
    }
  }

  private byte[] render(byte[] pkcs12, String format) {
    Secret secret = Fixtures.secret("tls", Pkcs12Files.base64(pkcs12), PKCS12);
    ObjectFormat f = ObjectFormat.fromOption(format).orElseThrow();
    return renderer.render(Fixtures.spec(ObjectType.SECRET, "tls", f), secret, 0600).bytes();
  }
}
