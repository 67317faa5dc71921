package io.kvflex.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvflex.errors.UserInputException;
import io.kvflex.options.ObjectFormat;
import io.kvflex.options.ObjectType;
import io.kvflex.testsupport.Golden;
import io.kvflex.vault.VaultObject.PublicJwk;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyRendererTest {
  private final ObjectRenderer renderer = new ObjectRenderer();
  private final Golden golden = Golden.in(Path.of("src/test/resources/io/kvflex/render/golden"));

  private byte[] render(String fixture, ObjectFormat format) {
    return renderer
        .render(
            Fixtures.spec(ObjectType.KEY, fixture, format),
            Fixtures.key(fixture, Fixtures.jwk(fixture + ".jwk.json")),
            0644)
        .bytes();
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsa-key", "ec-p256", "ec-p384", "ec-p521"})
  void pemIsThePkixPublicKeyOpensslWrites(String fixture) {
    byte[] pem = render(fixture, ObjectFormat.PEM);
    golden.assertMatches("key-" + fixture + ".pem", pem);
    // Independent cross-check: `openssl pkey -pubout` of the same key.
    assertThat(new String(pem, StandardCharsets.US_ASCII))
        .isEqualTo(Fixtures.text(fixture + ".pub.pem"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsa-key", "ec-p256", "ec-p384", "ec-p521"})
  void jwkIsCompactDeterministicJson(String fixture) {
    byte[] jwk = render(fixture, ObjectFormat.JWK);
    golden.assertMatches("key-" + fixture + ".jwk.json", jwk);
    // The fixture was written by generate.sh in the documented member order (plus a newline).
    assertThat(new String(jwk, StandardCharsets.US_ASCII) + "\n")
        .isEqualTo(Fixtures.text(fixture + ".jwk.json"));
  }

  @Test
  void hsmKeyTypeIsWrittenAsTheJoseKeyType() {
    PublicJwk rsa = Fixtures.jwk("rsa-key.jwk.json");
    PublicJwk hsm = new PublicJwk(rsa.kid(), "RSA-HSM", "", rsa.n(), rsa.e(), null, null);
    byte[] jwk =
        renderer
            .render(
                Fixtures.spec(ObjectType.KEY, "rsa-key", ObjectFormat.JWK),
                Fixtures.key("rsa-key", hsm),
                0644)
            .bytes();
    assertThat(jwk).isEqualTo(render("rsa-key", ObjectFormat.JWK));
  }

  @Test
  void modulusIsTheLegacyBase64urlText() {
    byte[] modulus = render("rsa-key", ObjectFormat.MODULUS);
    golden.assertMatches("key-rsa-key.modulus", modulus);
    String n = Fixtures.text("rsa-key.jwk.json").replaceAll(".*\"n\":\"([^\"]+)\".*\n", "$1");
    assertThat(new String(modulus, StandardCharsets.US_ASCII)).isEqualTo(n).hasSize(342);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ec-p256", "ec-p384", "ec-p521"})
  void modulusOfAnEcKeyIsAClearError(String fixture) {
    assertThatThrownBy(() -> render(fixture, ObjectFormat.MODULUS))
        .isInstanceOf(UserInputException.class)
        .hasMessage(
            "key/"
                + fixture
                + "@"
                + Fixtures.VERSION
                + ": keyvaultobjectformats modulus does not fit this key: the key is an EC key;"
                + " only RSA keys have a modulus. Use keyvaultobjectformats pem or jwk for EC"
                + " keys.");
  }

  @Test
  void pointOffTheCurveIsRejected() {
    PublicJwk good = Fixtures.jwk("ec-p256.jwk.json");
    byte[] y = good.y();
    y[y.length - 1] ^= 1;
    PublicJwk bad = new PublicJwk(good.kid(), "EC", "P-256", null, null, good.x(), y);
    assertThatThrownBy(
            () ->
                renderer.render(
                    Fixtures.spec(ObjectType.KEY, "ec-p256", ObjectFormat.PEM),
                    Fixtures.key("ec-p256", bad),
                    0644))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("the key is an EC P-256 key whose point is not on the curve")
        .hasMessageEndingWith("Use keyvaultobjectformats jwk for this key.");
  }

  @Test
  void p256kIsRenderedWhenTheJdkKnowsTheCurveAndOtherwiseNamedInTheError() {
    // secp256k1's generator point: a valid P-256K public key.
    byte[] x = hex("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
    byte[] y = hex("483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8");
    PublicJwk k = new PublicJwk("kid", "EC", "P-256K", null, null, x, y);
    var spec = Fixtures.spec(ObjectType.KEY, "k1", ObjectFormat.PEM);
    var key = Fixtures.key("k1", k);
    if (jdkSupports("secp256k1")) {
      assertThat(new String(renderer.render(spec, key, 0644).bytes(), StandardCharsets.US_ASCII))
          .startsWith("-----BEGIN PUBLIC KEY-----\n");
    } else {
      assertThatThrownBy(() -> renderer.render(spec, key, 0644))
          .isInstanceOf(UserInputException.class)
          .hasMessageContaining(
              "the key is an EC key on curve P-256K (secp256k1), which the Java runtime running"
                  + " kvflex does not support")
          .hasMessageEndingWith("Use keyvaultobjectformats jwk for this key.");
    }
    // jwk needs no curve support at all.
    assertThat(
            new String(
                renderer
                    .render(Fixtures.spec(ObjectType.KEY, "k1", ObjectFormat.JWK), key, 0644)
                    .bytes(),
                StandardCharsets.US_ASCII))
        .isEqualTo(
            "{\"kid\":\"kid\",\"kty\":\"EC\",\"crv\":\"P-256K\",\"x\":\""
                + Base64.getUrlEncoder().withoutPadding().encodeToString(x)
                + "\",\"y\":\""
                + Base64.getUrlEncoder().withoutPadding().encodeToString(y)
                + "\"}");
  }

  @Test
  void symmetricKeysHaveNothingToRender() {
    PublicJwk oct = new PublicJwk("kid", "oct", "", null, null, null, null);
    for (ObjectFormat format : ObjectFormat.allowedFor(ObjectType.KEY)) {
      assertThatThrownBy(
              () ->
                  renderer.render(
                      Fixtures.spec(ObjectType.KEY, "sym", format), Fixtures.key("sym", oct), 0644))
          .isInstanceOf(UserInputException.class)
          .hasMessageContaining("key/sym@")
          .hasMessageContaining("oct");
    }
  }

  private static boolean jdkSupports(String curve) {
    try {
      AlgorithmParameters.getInstance("EC").init(new ECGenParameterSpec(curve));
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private static byte[] hex(String h) {
    byte[] out = java.util.HexFormat.of().parseHex(h);
    return Arrays.copyOf(out, out.length);
  }
}
