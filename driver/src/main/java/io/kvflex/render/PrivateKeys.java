package io.kvflex.render;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.HexFormat;
import java.util.List;

/**
 * Private keys from PEM blocks, normalised to PKCS#8. Accepts {@code PRIVATE KEY} (PKCS#8), and the
 * legacy OpenSSL forms {@code RSA PRIVATE KEY} (PKCS#1) and {@code EC PRIVATE KEY} (SEC1, named
 * curve), which are wrapped into PKCS#8 the way {@code openssl pkcs8 -topk8 -nocrypt} does.
 */
final class PrivateKeys {
  static final String PKCS8 = "PRIVATE KEY";
  static final String PKCS1_RSA = "RSA PRIVATE KEY";
  static final String SEC1_EC = "EC PRIVATE KEY";
  static final String ENCRYPTED_PKCS8 = "ENCRYPTED PRIVATE KEY";

  /** The fix for a password-protected PEM key. */
  static final String DECRYPT_FIX =
      "Store the key unencrypted (openssl pkey -in encrypted.pem -out key.pem), or use"
          + " keyvaultobjectformats raw.";

  /** AlgorithmIdentifier { rsaEncryption, NULL }. */
  private static final byte[] RSA_ALGORITHM =
      HexFormat.of().parseHex("300d06092a864886f70d0101010500");

  /** OID id-ecPublicKey (1.2.840.10045.2.1). */
  private static final byte[] EC_PUBLIC_KEY_OID = HexFormat.of().parseHex("06072a8648ce3d0201");

  private static final byte[] VERSION_0 = {Der.INTEGER, 1, 0};
  private static final byte[] VERSION_1 = {Der.INTEGER, 1, 1};

  /** Algorithms tried, in order, for a PKCS#8 key (the JDK needs the algorithm up front). */
  private static final List<String> ALGORITHMS = List.of("RSA", "EC", "EdDSA", "RSASSA-PSS", "DSA");

  private PrivateKeys() {}

  /** True for the labels this class reads (and the encrypted one it refuses with a reason). */
  static boolean isPrivateKeyLabel(String label) {
    return label.equals(PKCS8)
        || label.equals(PKCS1_RSA)
        || label.equals(SEC1_EC)
        || label.equals(ENCRYPTED_PKCS8);
  }

  /** The key of one PEM block; its {@link PrivateKey#getEncoded()} is PKCS#8. */
  static PrivateKey fromPem(Pem.Block block) throws BadContentException {
    return switch (block.label()) {
      case PKCS8 -> fromPkcs8(block.der());
      case PKCS1_RSA -> fromPkcs8(Der.tlv(Der.SEQUENCE, VERSION_0, RSA_ALGORITHM, octets(block)));
      case SEC1_EC -> fromPkcs8(wrapSec1(block.der()));
      case ENCRYPTED_PKCS8 ->
          throw BadContentException.withFix(
              "holds a password-protected private key (ENCRYPTED PRIVATE KEY); kvflex reads"
                  + " unencrypted keys only (Key Vault's own PEM export is unencrypted PKCS#8)",
              DECRYPT_FIX);
      default -> throw new BadContentException("has no private key block");
    };
  }

  /** A PKCS#8 key of any algorithm the JDK knows. */
  static PrivateKey fromPkcs8(byte[] pkcs8) throws BadContentException {
    for (String algorithm : ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      } catch (GeneralSecurityException | IllegalArgumentException wrongAlgorithm) {
        // try the next one
      }
    }
    throw new BadContentException(
        "holds a private key this JDK cannot read (supported: RSA, EC on named curves, EdDSA)");
  }

  private static byte[] octets(Pem.Block block) {
    return Der.tlv(Der.OCTET_STRING, block.der());
  }

  /**
   * SEC1 {@code ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING, [0] parameters, [1]
   * publicKey }} becomes PKCS#8 with the curve in the AlgorithmIdentifier and the inner key without
   * [0], which is exactly what {@code openssl pkcs8 -topk8} emits.
   */
  private static byte[] wrapSec1(byte[] sec1) throws BadContentException {
    List<Der.Tlv> fields = Der.parseAll(Der.parse(sec1).content());
    if (fields.size() < 2
        || fields.get(0).tag() != Der.INTEGER
        || fields.get(1).tag() != Der.OCTET_STRING) {
      throw new BadContentException("has an EC PRIVATE KEY block that is not a SEC1 key");
    }
    byte[] curveOid = null;
    byte[] publicKey = new byte[0];
    for (Der.Tlv field : fields.subList(2, fields.size())) {
      if (field.tag() == 0xa0) {
        Der.Tlv parameters = Der.parse(field.content());
        if (parameters.tag() != Der.OID) {
          throw new BadContentException(
              "has an EC PRIVATE KEY with explicit curve parameters; use a named curve");
        }
        curveOid = parameters.encoded();
      } else if (field.tag() == 0xa1) {
        publicKey = field.encoded();
      }
    }
    if (curveOid == null) {
      throw new BadContentException("has an EC PRIVATE KEY block that does not name its curve");
    }
    byte[] inner = Der.tlv(Der.SEQUENCE, VERSION_1, fields.get(1).encoded(), publicKey);
    return Der.tlv(
        Der.SEQUENCE,
        VERSION_0,
        Der.tlv(Der.SEQUENCE, EC_PUBLIC_KEY_OID, curveOid),
        Der.tlv(Der.OCTET_STRING, inner));
  }
}
