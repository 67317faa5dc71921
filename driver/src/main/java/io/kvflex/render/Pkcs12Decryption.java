package io.kvflex.render;

import java.io.IOException;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCS12PBEParams;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * Decrypts the encrypted safes and shrouded key bags of a PKCS#12 with the empty password, with the
 * JDK's SunJCE ciphers: PKCS#12 PBE (RFC 7292 appendix C: 3DES, RC2, RC4), PBES1 and PBES2 (RFC
 * 8018: PBKDF2 with AES).
 *
 * <p>Not BouncyCastle's operators: its lightweight PKCS#12 decryptor derives the empty password
 * from zero bytes only (OpenSSL's files use the terminated form) and has no PBES2; its JCE one
 * needs the BouncyCastle provider, far slower to start (bench/pkcs12-render.sh).
 */
final class Pkcs12Decryption {
  private Pkcs12Decryption() {}

  /** What a decrypted bag must parse as. */
  @FunctionalInterface
  interface Plaintext<T> {
    T parse(byte[] plaintext) throws IOException, BadContentException;
  }

  /**
   * @param check parses the plaintext and throws if it is not what was encrypted (a wrong key
   *     passes the padding check now and then, and decrypts to noise)
   * @param preferred the password encoding that verified the MAC, tried first
   * @throws BadContentException when no encoding of the empty password decrypts it
   */
  static <T> T decrypt(
      AlgorithmIdentifier algorithm, byte[] ciphertext, Plaintext<T> check, EmptyPassword preferred)
      throws BadContentException {
    boolean pkcs12Pbe = algorithm.getAlgorithm().on(PKCSObjectIdentifiers.pkcs_12PbeIds);
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
    throw Pkcs12Problems.passwordProtected(
        "its encrypted contents do not decrypt with the empty password");
  }

  private static Cipher cipher(AlgorithmIdentifier algorithm, EmptyPassword password)
      throws BadContentException {
    ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
    try {
      if (oid.equals(PKCSObjectIdentifiers.id_PBES2)) {
        return pbes2(PBES2Parameters.getInstance(algorithm.getParameters()), password);
      }
      // PKCS#12 PBE and PBES1 share PBEParameter { salt, iterationCount }; SunJCE knows them by
      // OID.
      PKCS12PBEParams params = PKCS12PBEParams.getInstance(algorithm.getParameters());
      Cipher cipher = Cipher.getInstance(oid.getId());
      cipher.init(
          Cipher.DECRYPT_MODE,
          password.pbeKey(),
          new PBEParameterSpec(params.getIV(), EmptyPassword.iterations(params.getIterations())));
      return cipher;
    } catch (NoSuchAlgorithmException e) {
      throw Pkcs12Problems.unsupported("encryption", oid.getId());
    } catch (GeneralSecurityException
        | IllegalArgumentException
        | IllegalStateException
        | NullPointerException e) {
      throw new BadContentException("is a PKCS#12 whose encryption parameters are malformed");
    }
  }

  /**
   * SunJCE reads the PBES2 parameters itself and names the cipher, e.g.
   * PBEWithHmacSHA256AndAES_256; it refuses schemes it has no cipher for (AES-192, 3DES).
   */
  private static Cipher pbes2(PBES2Parameters pbes2, EmptyPassword password)
      throws BadContentException, GeneralSecurityException {
    if (pbes2.getKeyDerivationFunc().getAlgorithm().equals(PKCSObjectIdentifiers.id_PBKDF2)) {
      EmptyPassword.iterations(
          PBKDF2Params.getInstance(pbes2.getKeyDerivationFunc().getParameters())
              .getIterationCount());
    }
    AlgorithmParameters params = AlgorithmParameters.getInstance("PBES2");
    try {
      params.init(pbes2.getEncoded(ASN1Encoding.DER));
    } catch (IOException e) {
      throw Pkcs12Problems.unsupported(
          "encryption", pbes2.getEncryptionScheme().getAlgorithm().getId());
    }
    String name = params.toString();
    SecretKey key =
        SecretKeyFactory.getInstance(name).generateSecret(new PBEKeySpec(password.chars()));
    Cipher cipher = Cipher.getInstance(name);
    cipher.init(Cipher.DECRYPT_MODE, key, params);
    return cipher;
  }
}
