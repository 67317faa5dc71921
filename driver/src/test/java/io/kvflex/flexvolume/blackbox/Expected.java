package io.kvflex.flexvolume.blackbox;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Map;

/** Expected file bytes computed from the vault's REST answers with the JDK alone. */
final class Expected {
  private Expected() {}

  static String pem(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }

  static byte[] b64url(Object value) {
    return Base64.getUrlDecoder().decode((String) value);
  }

  @SuppressWarnings("unchecked")
  static PublicKey publicKey(Map<String, Object> keyBundle) throws Exception {
    Map<String, Object> jwk = (Map<String, Object>) keyBundle.get("key");
    String kty = (String) jwk.get("kty");
    if (kty.startsWith("RSA")) {
      return KeyFactory.getInstance("RSA")
          .generatePublic(
              new RSAPublicKeySpec(
                  new BigInteger(1, b64url(jwk.get("n"))),
                  new BigInteger(1, b64url(jwk.get("e")))));
    }
    String curve =
        switch ((String) jwk.get("crv")) {
          case "P-256" -> "secp256r1";
          case "P-384" -> "secp384r1";
          default -> "secp521r1";
        };
    AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
    params.init(new ECGenParameterSpec(curve));
    ECParameterSpec spec = params.getParameterSpec(ECParameterSpec.class);
    ECPoint point =
        new ECPoint(
            new BigInteger(1, b64url(jwk.get("x"))), new BigInteger(1, b64url(jwk.get("y"))));
    return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec));
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
