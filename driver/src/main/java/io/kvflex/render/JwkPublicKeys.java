package io.kvflex.render;

import io.kvflex.vault.VaultObject.PublicJwk;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.security.spec.RSAPublicKeySpec;
import java.util.Map;

/** A Key Vault public JWK as a JDK {@link PublicKey} (whose encoding is PKIX/X.509). */
final class JwkPublicKeys {
  /** JWK curve names (RFC 7518, plus Key Vault's P-256K) to the JDK's standard names. */
  private static final Map<String, String> CURVES =
      Map.of(
          "P-256", "secp256r1",
          "P-384", "secp384r1",
          "P-521", "secp521r1",
          "P-256K", "secp256k1");

  private JwkPublicKeys() {}

  static PublicKey toPublicKey(PublicJwk jwk) throws BadContentException {
    if (jwk.isRsa()) {
      return rsa(jwk);
    }
    if (jwk.isEc()) {
      return ec(jwk);
    }
    throw new BadContentException("is a key of type " + jwk.kty() + ", which has no public key");
  }

  private static PublicKey rsa(PublicJwk jwk) throws BadContentException {
    if (jwk.n().length == 0 || jwk.e().length == 0) {
      throw new BadContentException("is an RSA key without modulus (n) or exponent (e)");
    }
    try {
      return KeyFactory.getInstance("RSA")
          .generatePublic(
              new RSAPublicKeySpec(new BigInteger(1, jwk.n()), new BigInteger(1, jwk.e())));
    } catch (GeneralSecurityException e) {
      throw new BadContentException("is an RSA key the JDK rejects", e);
    }
  }

  private static PublicKey ec(PublicJwk jwk) throws BadContentException {
    String jdkName = CURVES.get(jwk.crv());
    if (jdkName == null) {
      throw new BadContentException(
          "is an EC key on curve \"" + jwk.crv() + "\", which is not a Key Vault curve");
    }
    ECParameterSpec params = curve(jwk.crv(), jdkName);
    int fieldBytes = (params.getCurve().getField().getFieldSize() + 7) / 8;
    if (jwk.x().length != fieldBytes || jwk.y().length != fieldBytes) {
      throw new BadContentException(
          "is an EC "
              + jwk.crv()
              + " key whose x/y are not "
              + fieldBytes
              + " bytes long as the curve requires");
    }
    ECPoint point = new ECPoint(new BigInteger(1, jwk.x()), new BigInteger(1, jwk.y()));
    if (!onCurve(point, params.getCurve())) {
      throw new BadContentException(
          "is an EC " + jwk.crv() + " key whose point is not on the curve");
    }
    try {
      return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, params));
    } catch (GeneralSecurityException e) {
      throw new BadContentException("is an EC key the JDK rejects", e);
    }
  }

  private static ECParameterSpec curve(String jwkName, String jdkName) throws BadContentException {
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec(jdkName));
      return parameters.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      // e.g. secp256k1 (P-256K): removed from the JDK's SunEC provider in JDK 16.
      throw new BadContentException(
          "is an EC key on curve "
              + jwkName
              + " ("
              + jdkName
              + "), which the Java runtime running kvflex does not support",
          e);
    }
  }

  /** y^2 = x^3 + ax + b (mod p): the JDK does not check this when building a key. */
  private static boolean onCurve(ECPoint point, EllipticCurve curve) {
    if (!(curve.getField() instanceof ECFieldFp field)) {
      return true;
    }
    BigInteger p = field.getP();
    BigInteger x = point.getAffineX();
    BigInteger y = point.getAffineY();
    if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
      return false;
    }
    BigInteger left = y.multiply(y).mod(p);
    BigInteger right = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
    return left.equals(right);
  }
}
