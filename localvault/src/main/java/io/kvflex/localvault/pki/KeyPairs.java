package io.kvflex.localvault.pki;

import io.kvflex.localvault.seed.KeyKind;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECKey;
import java.security.spec.ECGenParameterSpec;

/** Key pair generation with JDK crypto. */
public final class KeyPairs {
  private KeyPairs() {}

  public static KeyPair generate(KeyKind kind, int rsaBits, String curve) {
    try {
      if (kind.isRsa()) {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(rsaBits);
        return g.generateKeyPair();
      }
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec(jdkCurve(curve)));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a " + kind + " key pair", e);
    }
  }

  /** A fast key for CAs and the TLS server certificate. */
  public static KeyPair ecP256() {
    return generate(KeyKind.EC, 0, "P-256");
  }

  static String jdkCurve(String curve) {
    return switch (curve) {
      case "P-256" -> "secp256r1";
      case "P-384" -> "secp384r1";
      case "P-521" -> "secp521r1";
      default -> throw new IllegalArgumentException("unsupported curve " + curve);
    };
  }

  /** The JCA signature algorithm a key of this type signs certificates with. */
  public static String signatureAlgorithm(PrivateKey key) {
    return key instanceof ECKey ? "SHA256withECDSA" : "SHA256withRSA";
  }
}
