package io.kvflex.render;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.MacData;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PBMAC1Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * The integrity MAC of a PKCS#12 in password mode, checked with the empty password by the JDK's
 * SunJCE: the PKCS#12 PBE MAC (RFC 7292 appendix B) and PBMAC1 (RFC 9579).
 *
 * <p>Not BouncyCastle's MAC operators: they derive the empty password from zero bytes only, so
 * every file OpenSSL writes with {@code -passout pass:} would fail its check.
 */
final class Pkcs12Mac {
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

  private Pkcs12Mac() {}

  /**
   * Checks the MAC over the authenticated safe (its content octets) with the empty password.
   *
   * @return the encoding of the empty password that verified it
   */
  static EmptyPassword verify(MacData macData, byte[] authenticatedSafe)
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
          throw Pkcs12Problems.unsupported(
              "integrity check (MAC) digest", digest.getAlgorithm().getId());
        }
        int iterations = EmptyPassword.iterations(macData.getIterationCount());
        for (EmptyPassword password : EmptyPassword.values()) {
          Mac hmac = Mac.getInstance(mac);
          hmac.init(password.pbeKey(), new PBEParameterSpec(macData.getSalt(), iterations));
          if (MessageDigest.isEqual(hmac.doFinal(authenticatedSafe), expected)) {
            return password;
          }
        }
      }
    } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
      throw new BadContentException("is a PKCS#12 whose integrity check (MAC) cannot be computed");
    }
    throw Pkcs12Problems.passwordProtected(
        "its integrity check (MAC) fails with the empty password");
  }

  /** RFC 9579: PBKDF2 derives the HMAC key from the (UTF-8, here empty) password. */
  private static byte[] pbmac1(AlgorithmIdentifier algorithm, byte[] data)
      throws GeneralSecurityException, BadContentException {
    PBMAC1Params params = PBMAC1Params.getInstance(algorithm.getParameters());
    AlgorithmIdentifier kdf = params.getKeyDerivationFunc();
    if (!kdf.getAlgorithm().equals(PKCSObjectIdentifiers.id_PBKDF2)) {
      throw Pkcs12Problems.unsupported(
          "integrity check (PBMAC1) key derivation", kdf.getAlgorithm().getId());
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
                    EmptyPassword.TERMINATED.chars(),
                    pbkdf2.getSalt(),
                    EmptyPassword.iterations(pbkdf2.getIterationCount()),
                    pbkdf2.getKeyLength().intValue() * 8));
    Mac hmac = Mac.getInstance(mac);
    hmac.init(new SecretKeySpec(derived.getEncoded(), mac));
    return hmac.doFinal(data);
  }

  private static String hmac(ASN1ObjectIdentifier oid) throws BadContentException {
    String name = HMACS.get(oid.getId());
    if (name == null) {
      throw Pkcs12Problems.unsupported("integrity check (PBMAC1) HMAC", oid.getId());
    }
    return name;
  }
}
