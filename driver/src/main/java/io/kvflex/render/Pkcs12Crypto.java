package io.kvflex.render;

import java.io.IOException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.MacData;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PBMAC1Params;
import org.bouncycastle.asn1.pkcs.PKCS12PBEParams;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * The password-based cryptography of PKCS#12 with the EMPTY password, done by the JDK's own
 * providers (SunJCE): the integrity MAC (RFC 7292 appendix B, or PBMAC1 of RFC 9579) and the
 * decryption of encrypted bags (PKCS#12 PBE of appendix C, PBES1 and PBES2 of RFC 8018).
 *
 * <p>Why not BouncyCastle's own PKCS#12 operators: they turn the empty password into zero bytes,
 * while OpenSSL, Windows and the JDK write it as an empty BMPString with its two-byte terminator,
 * so OpenSSL-made files fail their MAC; and BC's JCE path needs the BC provider, which costs a cold
 * start far more than these few calls (bench/pkcs12-render.sh).
 */
final class Pkcs12Crypto {
  /** The JDK's PKCS12KeyStore bound: a file cannot make a mount spin for minutes. */
  static final int MAX_ITERATIONS = 5_000_000;

  private static final String REEXPORT_FIX =
      "Re-export it with standard algorithms and an empty password (openssl pkcs12 -export"
          + " -passout pass:), or import it into Key Vault as a certificate and mount its secret.";

  /** PKCS#12 MAC digests (MacData.mac.digestAlgorithm) and the SunJCE MAC that derives with it. */
  private static final Map<String, String> PBE_MACS =
      Map.of(
          "1.3.14.3.2.26", "HmacPBESHA1",
          "2.16.840.1.101.3.4.2.4", "HmacPBESHA224",
          "2.16.840.1.101.3.4.2.1", "HmacPBESHA256",
          "2.16.840.1.101.3.4.2.2", "HmacPBESHA384",
          "2.16.840.1.101.3.4.2.3", "HmacPBESHA512",
          "2.16.840.1.101.3.4.2.5", "HmacPBESHA512/224",
          "2.16.840.1.101.3.4.2.6", "HmacPBESHA512/256");

  /** PBMAC1/PBKDF2 pseudo-random functions and the matching SunJCE HMAC. */
  private static final Map<String, String> HMACS =
      Map.of(
          "1.2.840.113549.2.7", "HmacSHA1",
          "1.2.840.113549.2.8", "HmacSHA224",
          "1.2.840.113549.2.9", "HmacSHA256",
          "1.2.840.113549.2.10", "HmacSHA384",
          "1.2.840.113549.2.11", "HmacSHA512");

  private Pkcs12Crypto() {}

  /**
   * The two encodings of the empty password in the PKCS#12 key derivation (RFC 7292 B.1). The
   * standard one is an empty BMPString with its two-byte terminator (OpenSSL {@code -passout
   * pass:}, the JDK, Windows); some writers use no bytes at all for "no password" (Python's {@code
   * cryptography} with {@code NoEncryption()}, BouncyCastle). SunJCE derives the first from an
   * empty {@code char[]} and the second from the one-character password {@code "\0"}.
   */
  enum EmptyPassword {
    TERMINATED,
    ZERO_LENGTH;

    char[] chars() {
      return this == TERMINATED ? new char[0] : new char[] {'\0'};
    }

    /** The encodings to try, the one that verified the MAC (if any) first. */
    static List<EmptyPassword> tryOrder(EmptyPassword preferred) {
      return preferred == ZERO_LENGTH
          ? List.of(ZERO_LENGTH, TERMINATED)
          : List.of(TERMINATED, ZERO_LENGTH);
    }
  }

  /**
   * Checks the PFX integrity MAC over the authenticated safe with the empty password.
   *
   * @return the encoding of the empty password that verified it
   */
  static EmptyPassword verifyMac(MacData macData, byte[] authenticatedSafe)
      throws BadContentException {
    AlgorithmIdentifier digest = macData.getMac().getAlgorithmId();
    byte[] expected = macData.getMac().getDigest();
    try {
      if (digest.getAlgorithm().equals(PKCSObjectIdentifiers.id_PBMAC1)) {
        if (MessageDigest.isEqual(pbmac1(digest, authenticatedSafe), expected)) {
          return EmptyPassword.TERMINATED;
        }
      } else {
        String mac = PBE_MACS.get(digest.getAlgorithm().getId());
        if (mac == null) {
          throw unsupported("integrity check (MAC) digest", digest.getAlgorithm());
        }
        int iterations = iterations(macData.getIterationCount());
        for (EmptyPassword password : EmptyPassword.values()) {
          Mac hmac = Mac.getInstance(mac);
          hmac.init(pbeKey(password), new PBEParameterSpec(macData.getSalt(), iterations));
          if (MessageDigest.isEqual(hmac.doFinal(authenticatedSafe), expected)) {
            return password;
          }
        }
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new BadContentException("is a PKCS#12 whose integrity check (MAC) cannot be computed");
    }
    throw passwordProtected("its integrity check (MAC) fails with the empty password");
  }

  /** RFC 9579: PBKDF2 derives the HMAC key from the (UTF-8, here empty) password. */
  private static byte[] pbmac1(AlgorithmIdentifier algorithm, byte[] data)
      throws GeneralSecurityException, BadContentException {
    PBMAC1Params params = PBMAC1Params.getInstance(algorithm.getParameters());
    AlgorithmIdentifier kdf = params.getKeyDerivationFunc();
    if (!kdf.getAlgorithm().equals(PKCSObjectIdentifiers.id_PBKDF2)) {
      throw unsupported("integrity check (PBMAC1) key derivation", kdf.getAlgorithm());
    }
    PBKDF2Params pbkdf2 = PBKDF2Params.getInstance(kdf.getParameters());
    String prf = hmac(pbkdf2.getPrf().getAlgorithm());
    String mac = hmac(params.getMessageAuthScheme().getAlgorithm());
    if (pbkdf2.getKeyLength() == null || pbkdf2.getKeyLength().bitLength() > 16) {
      throw new BadContentException("is a PKCS#12 whose PBMAC1 parameters lack a key length");
    }
    SecretKey derived =
        SecretKeyFactory.getInstance("PBKDF2With" + prf)
            .generateSecret(
                new PBEKeySpec(
                    new char[0],
                    pbkdf2.getSalt(),
                    iterations(pbkdf2.getIterationCount()),
                    pbkdf2.getKeyLength().intValue() * 8));
    Mac hmac = Mac.getInstance(mac);
    hmac.init(new javax.crypto.spec.SecretKeySpec(derived.getEncoded(), mac));
    return hmac.doFinal(data);
  }

  private static String hmac(ASN1ObjectIdentifier oid) throws BadContentException {
    String name = HMACS.get(oid.getId());
    if (name == null) {
      throw unsupported("integrity check (PBMAC1) HMAC", oid);
    }
    return name;
  }

  /**
   * Decrypts one encrypted bag or safe with the empty password.
   *
   * @param check parses the plaintext and throws if it is not what was encrypted (a wrong key
   *     passes the padding check now and then, and decrypts to noise)
   * @param preferred the password encoding that verified the MAC, tried first
   * @throws BadContentException when no encoding of the empty password decrypts it
   */
  static <T> T decrypt(
      AlgorithmIdentifier algorithm, byte[] ciphertext, Plaintext<T> check, EmptyPassword preferred)
      throws BadContentException {
    ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
    boolean pkcs12Pbe = oid.on(PKCSObjectIdentifiers.pkcs_12PbeIds);
    // PBES1 and PBES2 encode the password as bytes (ASCII/UTF-8): the empty one has one encoding.
    List<EmptyPassword> passwords =
        pkcs12Pbe ? EmptyPassword.tryOrder(preferred) : List.of(EmptyPassword.TERMINATED);
    for (EmptyPassword password : passwords) {
      Cipher cipher = cipher(algorithm, password);
      byte[] plaintext;
      try {
        plaintext = cipher.doFinal(ciphertext);
      } catch (GeneralSecurityException wrongKey) {
        continue;
      }
      try {
        return check.parse(plaintext);
      } catch (IOException | RuntimeException | BadContentException noise) {
        // decrypted with the wrong key: try the other encoding
      }
    }
    throw passwordProtected("its encrypted contents do not decrypt with the empty password");
  }

  /** What a decrypted bag must parse as. */
  @FunctionalInterface
  interface Plaintext<T> {
    T parse(byte[] plaintext) throws IOException, BadContentException;
  }

  private static Cipher cipher(AlgorithmIdentifier algorithm, EmptyPassword password)
      throws BadContentException {
    ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
    try {
      if (oid.equals(PKCSObjectIdentifiers.id_PBES2)) {
        // SunJCE reads the PBES2 parameters itself and names the cipher, e.g.
        // PBEWithHmacSHA256AndAES_256; it rejects schemes it has no cipher for.
        AlgorithmParameters params = AlgorithmParameters.getInstance("PBES2");
        params.init(algorithm.getParameters().toASN1Primitive().getEncoded(ASN1Encoding.DER));
        checkPbkdf2Iterations(algorithm);
        String name = params.toString();
        Cipher cipher = Cipher.getInstance(name);
        SecretKey key =
            SecretKeyFactory.getInstance(name).generateSecret(new PBEKeySpec(password.chars()));
        cipher.init(Cipher.DECRYPT_MODE, key, params);
        return cipher;
      }
      // PKCS#12 PBE and PBES1 share PBEParameter { salt, iterationCount }; SunJCE knows them by
      // OID.
      PKCS12PBEParams params = PKCS12PBEParams.getInstance(algorithm.getParameters());
      Cipher cipher = Cipher.getInstance(oid.getId());
      cipher.init(
          Cipher.DECRYPT_MODE,
          pbeKey(password),
          new PBEParameterSpec(params.getIV(), iterations(params.getIterations())));
      return cipher;
    } catch (NoSuchAlgorithmException | IOException e) {
      throw unsupported("encryption", oid);
    } catch (GeneralSecurityException
        | IllegalArgumentException
        | IllegalStateException
        | NullPointerException e) {
      throw new BadContentException("is a PKCS#12 whose encryption parameters are malformed");
    }
  }

  private static void checkPbkdf2Iterations(AlgorithmIdentifier pbes2) throws BadContentException {
    var kdf =
        org.bouncycastle.asn1.pkcs.PBES2Parameters.getInstance(pbes2.getParameters())
            .getKeyDerivationFunc();
    if (kdf.getAlgorithm().equals(PKCSObjectIdentifiers.id_PBKDF2)) {
      iterations(PBKDF2Params.getInstance(kdf.getParameters()).getIterationCount());
    }
  }

  private static SecretKey pbeKey(EmptyPassword password) throws GeneralSecurityException {
    return SecretKeyFactory.getInstance("PBE").generateSecret(new PBEKeySpec(password.chars()));
  }

  private static int iterations(BigInteger count) throws BadContentException {
    if (count == null || count.signum() <= 0 || count.bitLength() > 31) {
      throw new BadContentException("is a PKCS#12 with an invalid iteration count");
    }
    if (count.intValue() > MAX_ITERATIONS) {
      throw BadContentException.withFix(
          "is a PKCS#12 whose key derivation asks for more than "
              + MAX_ITERATIONS
              + " iterations, more than kvflex spends on one file",
          REEXPORT_FIX);
    }
    return count.intValue();
  }

  private static BadContentException unsupported(String what, ASN1ObjectIdentifier oid) {
    return BadContentException.withFix(
        "is a PKCS#12 whose " + what + " algorithm (" + oid.getId() + ") this Java runtime lacks",
        REEXPORT_FIX);
  }

  static BadContentException passwordProtected(String evidence) {
    return BadContentException.withFix(
        "is a PKCS#12 protected by a password ("
            + evidence
            + "); kvflex opens PKCS#12 files with the empty password Key Vault uses",
        "Import the file into Key Vault as a certificate (az keyvault certificate import"
            + " --password ...) and mount its secret, or re-export it with an empty password"
            + " (openssl pkcs12 -export -passout pass:).");
  }
}
