package io.kvflex.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvflex.errors.UserInputException;
import io.kvflex.options.ObjectFormat;
import io.kvflex.options.ObjectType;
import io.kvflex.testsupport.KeyMaterial;
import io.kvflex.testsupport.Pem;
import io.kvflex.vault.VaultObject.Secret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code application/x-pem-file} secrets as people and tools write them: PKCS#8, PKCS#1 and SEC1
 * keys, {@code openssl pkcs12 -nodes} output with its "Bag Attributes" text, Windows line ends,
 * blank lines, a byte-order mark, duplicates, any order. The oracle is OpenSSL's key + chain.
 */
class PemBundlesTest {
  private static final String PEM = "application/x-pem-file";
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----\n.*?-----END \\1-----\n", Pattern.DOTALL);

  private final ObjectRenderer renderer = new ObjectRenderer();

  /** Every key form, from files OpenSSL wrote; each renders as OpenSSL's own PKCS#8 + chain. */
  @ParameterizedTest
  @CsvSource({
    "fixtures/leaf-rsa.bundle.pem, rsa",
    "fixtures/leaf-rsa.bundle-pkcs1.pem, rsa",
    "fixtures/leaf-rsa.expected-chain.pem, rsa",
    "fixtures/leaf-ec.expected-chain.pem, ec",
    "producers/openssl-pkcs12-nodes-rsa.pem, rsa",
    "producers/openssl-pkcs12-nodes-ec.pem, ec",
  })
  void everyKeyFormAndOrderRendersAsOpenSslsChain(String file, String key) throws Exception {
    String stored = text(file);
    for (UnaryOperator<String> variant : variants()) {
      byte[] pem = render(variant.apply(stored), ObjectFormat.PEM);
      assertThat(new String(pem, StandardCharsets.US_ASCII)).isEqualTo(expected(key));
      Pem.KeyAndChain parsed = Pem.keyAndChain(pem);
      KeyMaterial.assertKeyMatchesLeafAndChainOrdered(parsed.key(), parsed.chain());
    }
  }

  /** The SEC1 bundle also holds a stale same-name intermediate: kept, after the chain. */
  @ParameterizedTest
  @CsvSource({"fixtures/leaf-ec.bundle-sec1.pem"})
  void sec1KeysRenderInEveryVariant(String file) {
    for (UnaryOperator<String> variant : variants()) {
      assertThat(
              new String(
                  render(variant.apply(text(file)), ObjectFormat.PEM), StandardCharsets.UTF_8))
          .isEqualTo(expected("ec") + Fixtures.text("intermediate-ca-stale.crt.pem"));
    }
  }

  @ParameterizedTest
  @CsvSource({
    "producers/encrypted-pkcs8-rsa.pem, 'holds a password-protected private key (ENCRYPTED PRIVATE"
        + " KEY); kvflex reads unencrypted keys only (Key Vault''s own PEM export is unencrypted"
        + " PKCS#8)'",
    "producers/encrypted-pkcs8-ec.pem, 'holds a password-protected private key (ENCRYPTED PRIVATE"
        + " KEY); kvflex reads unencrypted keys only (Key Vault''s own PEM export is unencrypted"
        + " PKCS#8)'",
    "producers/encrypted-traditional-rsa.pem, 'has an encrypted PEM block \"RSA PRIVATE KEY\";"
        + " kvflex reads unencrypted keys only'",
    "producers/encrypted-traditional-ec.pem, 'has an encrypted PEM block \"EC PRIVATE KEY\";"
        + " kvflex reads unencrypted keys only'",
  })
  void anEncryptedKeyIsRefusedWithTheWayToDecryptIt(String file, String problem) {
    for (ObjectFormat format : List.of(ObjectFormat.PEM, ObjectFormat.PFX)) {
      assertThatThrownBy(() -> render(text(file), format))
          .isInstanceOf(UserInputException.class)
          .hasNoCause()
          .hasMessage(
              "secret/tls@"
                  + Fixtures.VERSION
                  + ": keyvaultobjectformats "
                  + format.optionValue()
                  + " does not fit this secret: the value "
                  + problem
                  + ". Store the key unencrypted (openssl pkey -in encrypted.pem -out key.pem), or"
                  + " use keyvaultobjectformats raw.");
    }
  }

  @ParameterizedTest
  @CsvSource({"fixtures/leaf-rsa.bundle.pem, fixtures/leaf-ec.expected-chain.pem"})
  void twoDifferentKeysAreRefused(String one, String other) {
    String both = text(one) + text(other);
    assertThatThrownBy(() -> render(both, ObjectFormat.PEM))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining(
            "the value holds 2 different private keys; a certificate-backed secret holds exactly"
                + " one, the key of its leaf certificate. Store exactly one private key together"
                + " with its own certificate and chain, or use keyvaultobjectformats raw.");
  }

  /** The same bundle, written the ways people and tools write PEM. */
  private static List<UnaryOperator<String>> variants() {
    return List.of(
        s -> s,
        s -> s.replace("\n", "\r\n"),
        s -> "\uFEFF" + s,
        s -> "\n\n" + s.replace("-----\n", "-----\n\n").replace("\n-----END", "\n\n-----END"),
        s -> s.replace("\n", " \t\n"),
        s -> String.join("", reversed(blocks(s))),
        s -> {
          List<String> blocks = blocks(s);
          return String.join("", blocks) + String.join("\n", blocks);
        });
  }

  private static List<String> blocks(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(text.replace("\r\n", "\n"));
    while (m.find()) {
      out.add(m.group());
    }
    assertThat(out).isNotEmpty();
    return out;
  }

  private static List<String> reversed(List<String> list) {
    List<String> copy = new ArrayList<>(list);
    Collections.reverse(copy);
    return copy;
  }

  private static String expected(String key) {
    return Fixtures.text("leaf-" + key + ".expected-chain.pem");
  }

  private static String text(String path) {
    return new String(
        path.startsWith("producers/")
            ? Fixtures.producer(path.substring("producers/".length()))
            : Fixtures.bytes(path.substring("fixtures/".length())),
        StandardCharsets.US_ASCII);
  }

  private byte[] render(String value, ObjectFormat format) {
    Secret secret = Fixtures.secret("tls", value, PEM);
    return renderer.render(Fixtures.spec(ObjectType.SECRET, "tls", format), secret, 0600).bytes();
  }
}
