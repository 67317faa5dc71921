package io.kvflex.testsupport;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The key and certificate oracle: checks with the JDK's own crypto, independent of the code under
 * test (JWKs to keys, key pairs, chain order, PKCS#12 keystores).
 */
public final class KeyMaterial {
  private KeyMaterial() {}

  /** The public key a Key Vault JWK ({@code kty} RSA/EC[-HSM], {@code n,e} or {@code crv,x,y}). */
  public static PublicKey fromJwk(Map<String, Object> jwk) {
    String kty = Json.text(jwk, "kty").replace("-HSM", "");
    try {
      if (kty.equals("RSA")) {
        return KeyFactory.getInstance("RSA")
            .generatePublic(new RSAPublicKeySpec(unsigned(jwk, "n"), unsigned(jwk, "e")));
      }
      if (kty.equals("EC")) {
        AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
        p.init(new ECGenParameterSpec(curve(Json.text(jwk, "crv"))));
        ECParameterSpec spec = p.getParameterSpec(ECParameterSpec.class);
        return KeyFactory.getInstance("EC")
            .generatePublic(
                new ECPublicKeySpec(new ECPoint(unsigned(jwk, "x"), unsigned(jwk, "y")), spec));
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read the JWK: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("unsupported kty " + kty);
  }

  private static String curve(String crv) {
    return switch (crv) {
      case "P-256" -> "secp256r1";
      case "P-384" -> "secp384r1";
      case "P-521" -> "secp521r1";
      default -> throw new IllegalArgumentException("unsupported curve " + crv);
    };
  }

  private static BigInteger unsigned(Map<String, Object> jwk, String member) {
    return new BigInteger(1, Base64.getUrlDecoder().decode(Json.text(jwk, member)));
  }

  /** True when {@code key} signs what {@code publicKey} verifies (they are one key pair). */
  public static boolean pairs(PrivateKey key, PublicKey publicKey) {
    String alg = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    byte[] challenge = "kvflex e2e key pair check".getBytes(StandardCharsets.US_ASCII);
    try {
      Signature s = Signature.getInstance(alg);
      s.initSign(key);
      s.update(challenge);
      byte[] sig = s.sign();
      Signature v = Signature.getInstance(alg);
      v.initVerify(publicKey);
      v.update(challenge);
      return v.verify(sig);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /**
   * Problems with the order {@code chain[0]} (leaf) → ... → root: each certificate must be issued
   * (name and signature) by the next, and the last must be self-signed. Empty when the order holds.
   */
  public static List<String> chainOrderProblems(List<X509Certificate> chain) {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i + 1 < chain.size(); i++) {
      X509Certificate c = chain.get(i);
      X509Certificate issuer = chain.get(i + 1);
      if (!c.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
        problems.add(
            "certificate "
                + i
                + " ("
                + c.getSubjectX500Principal()
                + ") is not issued by the next one ("
                + issuer.getSubjectX500Principal()
                + ")");
      } else if (!verifies(c, issuer.getPublicKey())) {
        problems.add(
            "certificate "
                + i
                + "'s signature does not verify with certificate "
                + (i + 1)
                + "'s key");
      }
    }
    if (!chain.isEmpty()) {
      X509Certificate root = chain.get(chain.size() - 1);
      if (!root.getIssuerX500Principal().equals(root.getSubjectX500Principal())
          || !verifies(root, root.getPublicKey())) {
        problems.add(
            "the last certificate ("
                + root.getSubjectX500Principal()
                + ") is not a self-signed root");
      }
    }
    return problems;
  }

  private static boolean verifies(X509Certificate c, PublicKey issuerKey) {
    try {
      c.verify(issuerKey);
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /**
   * Fails unless {@code chain} runs leaf → root (each certificate issued, by name and signature, by
   * the next; the root self-signed), the leaf is not a CA and {@code key} is the leaf's key.
   */
  public static void assertKeyMatchesLeafAndChainOrdered(
      PrivateKey key, List<X509Certificate> chain) {
    if (chain.isEmpty()) {
      throw new AssertionError("no certificate");
    }
    List<String> problems = chainOrderProblems(chain);
    if (!problems.isEmpty()) {
      throw new AssertionError("chain out of order: " + problems);
    }
    if (chain.get(0).getBasicConstraints() != -1) {
      throw new AssertionError("the leaf is a CA: " + chain.get(0).getSubjectX500Principal());
    }
    if (!pairs(key, chain.get(0).getPublicKey())) {
      throw new AssertionError("the private key does not belong to the leaf");
    }
  }

  /** A PKCS#12 keystore opened with the empty password, as Key Vault and kvflex write them. */
  public static KeyStore pkcs12(byte[] bytes, char[] password) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(new ByteArrayInputStream(bytes), password);
      return ks;
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "not a PKCS#12 file openable with this password: " + e.getMessage(), e);
    }
  }

  /** The one private key entry of a keystore and its certificate chain. */
  public record KeyEntry(PrivateKey key, List<X509Certificate> chain) {}

  public static KeyEntry keyEntry(KeyStore ks, char[] password) {
    try {
      for (String alias : Collections.list(ks.aliases())) {
        if (ks.isKeyEntry(alias)) {
          PrivateKey key = (PrivateKey) ks.getKey(alias, password);
          List<X509Certificate> chain = new ArrayList<>();
          for (var c : ks.getCertificateChain(alias)) {
            chain.add((X509Certificate) c);
          }
          return new KeyEntry(key, chain);
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read the keystore's key: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("the keystore holds no private key entry");
  }

  /** A PKCS#12 file holding {@code key} and {@code chain}, protected by {@code password}. */
  public static byte[] toPkcs12(PrivateKey key, List<X509Certificate> chain, char[] password) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("client", key, password, chain.toArray(X509Certificate[]::new));
      var out = new java.io.ByteArrayOutputStream();
      ks.store(out, password);
      return out.toByteArray();
    } catch (Exception e) {
      throw new IllegalStateException("cannot build a PKCS#12 file: " + e.getMessage(), e);
    }
  }
}
