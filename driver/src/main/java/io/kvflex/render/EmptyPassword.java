package io.kvflex.render;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The empty password of a PKCS#12, the only one kvflex uses (Key Vault stores its exports with it).
 * The PKCS#12 key derivation (RFC 7292 B.1) has two encodings of it: the standard empty BMPString
 * with its two-byte terminator (OpenSSL {@code -passout pass:}, the JDK, Windows), and no bytes at
 * all, what some writers use for "no password" (Python's {@code cryptography} with {@code
 * NoEncryption()}, BouncyCastle). SunJCE derives the first from an empty {@code char[]} and the
 * second from the one-character password {@code "\0"}. PBES1/PBES2/PBMAC1 encode a password as
 * plain bytes, where the empty one has only the zero-length form ({@link #TERMINATED}'s chars).
 */
enum EmptyPassword {
  TERMINATED,
  ZERO_LENGTH;

  /** The JDK's PKCS12KeyStore bound: a file cannot make a mount derive keys for minutes. */
  static final int MAX_ITERATIONS = 5_000_000;

  char[] chars() {
    return this == TERMINATED ? new char[0] : new char[] {'\0'};
  }

  /** This password as a SunJCE PBE key (for PKCS#12 PBE ciphers and MACs, and PBES1). */
  SecretKey pbeKey() throws GeneralSecurityException {
    return SecretKeyFactory.getInstance("PBE").generateSecret(new PBEKeySpec(chars()));
  }

  /** The encodings to try, the one that verified the MAC first. */
  static List<EmptyPassword> tryOrder(EmptyPassword preferred) {
    return preferred == ZERO_LENGTH
        ? List.of(ZERO_LENGTH, TERMINATED)
        : List.of(TERMINATED, ZERO_LENGTH);
  }

  /** A key derivation's iteration count, checked before any work is done. */
  static int iterations(BigInteger count) throws BadContentException {
    if (count == null || count.signum() <= 0 || count.bitLength() > 31) {
      throw new BadContentException("is a PKCS#12 with an invalid iteration count");
    }
    if (count.intValue() > MAX_ITERATIONS) {
      throw BadContentException.withFix(
          "is a PKCS#12 whose key derivation asks for more than "
              + MAX_ITERATIONS
              + " iterations, more than kvflex spends on one file",
          Pkcs12Problems.REEXPORT_FIX);
    }
    return count.intValue();
  }
}
