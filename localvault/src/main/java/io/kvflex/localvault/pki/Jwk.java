package io.kvflex.localvault.pki;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Public keys as Key Vault JSON Web Keys (byte fields base64url without padding). */
public final class Jwk {
  private Jwk() {}

  public static Map<String, Object> publicJwk(String kid, PublicKey key, List<String> keyOps) {
    return publicJwk(kid, key, keyOps, false);
  }

  /**
   * The JWK of a public key; {@code hsm} keys get Key Vault's {@code RSA-HSM}/{@code EC-HSM} {@code
   * kty} (the private half of such keys never leaves the HSM, the public JWK is the same).
   */
  public static Map<String, Object> publicJwk(
      String kid, PublicKey key, List<String> keyOps, boolean hsm) {
    String suffix = hsm ? "-HSM" : "";
    Map<String, Object> jwk = new LinkedHashMap<>();
    jwk.put("kid", kid);
    if (key instanceof RSAPublicKey rsa) {
      jwk.put("kty", "RSA" + suffix);
      jwk.put("key_ops", keyOps);
      jwk.put("n", b64url(unsigned(rsa.getModulus(), 0)));
      jwk.put("e", b64url(unsigned(rsa.getPublicExponent(), 0)));
    } else if (key instanceof ECPublicKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      int len = (bits + 7) / 8;
      jwk.put("kty", "EC" + suffix);
      jwk.put("key_ops", keyOps);
      jwk.put("crv", curveName(bits));
      jwk.put("x", b64url(unsigned(ec.getW().getAffineX(), len)));
      jwk.put("y", b64url(unsigned(ec.getW().getAffineY(), len)));
    } else {
      throw new IllegalArgumentException("unsupported key type " + key.getAlgorithm());
    }
    return jwk;
  }

  public static String curveName(int fieldBits) {
    return switch (fieldBits) {
      case 256 -> "P-256";
      case 384 -> "P-384";
      case 521 -> "P-521";
      default -> throw new IllegalArgumentException("unsupported curve size " + fieldBits);
    };
  }

  public static String b64url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Big-endian magnitude without sign byte, left-padded to {@code length} when given. */
  static byte[] unsigned(BigInteger v, int length) {
    byte[] b = v.toByteArray();
    if (b.length > 1 && b[0] == 0) {
      b = Arrays.copyOfRange(b, 1, b.length);
    }
    if (length > b.length) {
      byte[] padded = new byte[length];
      System.arraycopy(b, 0, padded, length - b.length, b.length);
      return padded;
    }
    return b;
  }
}
