package io.kvflex.localvault.pki;

import io.kvflex.localvault.seed.Pkcs12Encryption;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.CipherOutputStream;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCS12PBEParams;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.GenericKey;
import org.bouncycastle.operator.MacCalculator;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JceGenericKey;
import org.bouncycastle.pkcs.PKCS12MacCalculatorBuilder;

/**
 * The password-based encryption and MAC of a PKCS#12 file, done by the JDK's own JCE and handed to
 * BouncyCastle's PKCS#12 builders, with the empty password spelled as each format's writer spells
 * it: Key Vault (Windows) derives its keys from zero password bytes, the JDK's {@code KeyStore}
 * from the two-byte BMPString terminator (the JDK and OpenSSL read both).
 *
 * <p>Why not the JDK's {@code KeyStore} alone: a key bag's algorithm can be chosen per entry
 * ({@code PasswordProtection}), but the certificate-bag and MAC algorithms come only from the
 * JVM-wide {@code keystore.pkcs12.*} properties, which would switch every PKCS#12 anything in the
 * process writes. Why not BouncyCastle's own PBE builders: they take no salt length (Key Vault uses
 * 8-byte bag salts) and their PBES2 path wants the BouncyCastle provider registered.
 */
final class Pkcs12Crypto {
  private static final int LEGACY_ITERATIONS = 2000;
  private static final int MODERN_ITERATIONS = 10_000;

  private final Pkcs12Encryption encryption;
  private final SecureRandom random;

  Pkcs12Crypto(Pkcs12Encryption encryption, SecureRandom random) {
    this.encryption = encryption;
    this.random = random;
  }

  private boolean legacy() {
    return encryption == Pkcs12Encryption.LEGACY;
  }

  /**
   * The empty password for the JCE: {@code "\0"} is the JCE's way of saying "zero bytes" to the
   * PKCS#12 key derivation (Key Vault's choice: its recorded MAC verifies only so); an empty array
   * derives from the two-byte terminator, as the JDK's own {@code KeyStore} writes.
   */
  private char[] emptyPassword() {
    return legacy() ? new char[] {'\0'} : new char[0];
  }

  private int iterations() {
    return legacy() ? LEGACY_ITERATIONS : MODERN_ITERATIONS;
  }

  /**
   * A fresh encryptor (new salt and IV) for one bag: Key Vault's {@code
   * pbeWithSHAAnd3-KeyTripleDES-CBC} with an 8-byte salt, or PBES2 with AES-256-CBC.
   */
  OutputEncryptor encryptor() {
    String jce = legacy() ? "PBEWithSHA1AndDESede" : "PBEWithHmacSHA256AndAES_256";
    ASN1ObjectIdentifier oid =
        legacy()
            ? PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC
            : PKCSObjectIdentifiers.id_PBES2;
    byte[] salt = bytes(legacy() ? 8 : 20);
    try {
      SecretKey key =
          SecretKeyFactory.getInstance(jce).generateSecret(new PBEKeySpec(emptyPassword()));
      Cipher cipher = Cipher.getInstance(jce);
      PBEParameterSpec spec =
          legacy()
              ? new PBEParameterSpec(salt, iterations())
              : new PBEParameterSpec(salt, iterations(), new IvParameterSpec(bytes(16)));
      cipher.init(Cipher.ENCRYPT_MODE, key, spec, random);
      AlgorithmIdentifier algorithm =
          new AlgorithmIdentifier(
              oid, ASN1Primitive.fromByteArray(cipher.getParameters().getEncoded()));
      return new OutputEncryptor() {
        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
          return algorithm;
        }

        @Override
        public OutputStream getOutputStream(OutputStream out) {
          return new CipherOutputStream(out, cipher);
        }

        @Override
        public GenericKey getKey() {
          return new JceGenericKey(algorithm, key);
        }
      };
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up " + jce, e);
    }
  }

  /** The PKCS#12 MAC: HMAC-SHA-1 (Key Vault) or HMAC-SHA-256, with a 20-byte salt. */
  PKCS12MacCalculatorBuilder mac() {
    String jce = legacy() ? "HmacPBESHA1" : "HmacPBESHA256";
    // Key Vault writes the SHA-1 digest identifier without parameters; so do we, for both.
    AlgorithmIdentifier digest =
        new AlgorithmIdentifier(
            legacy() ? OIWObjectIdentifiers.idSHA1 : NISTObjectIdentifiers.id_sha256);
    byte[] salt = bytes(20);
    int iterations = iterations();
    return new PKCS12MacCalculatorBuilder() {
      @Override
      public AlgorithmIdentifier getDigestAlgorithmIdentifier() {
        return digest;
      }

      /** Always the empty password ({@code password} is the builders' empty array). */
      @Override
      public MacCalculator build(char[] password) {
        try {
          SecretKey key =
              SecretKeyFactory.getInstance("PBE").generateSecret(new PBEKeySpec(emptyPassword()));
          Mac mac = Mac.getInstance(jce);
          mac.init(key, new PBEParameterSpec(salt, iterations));
          return new JceMacCalculator(
              new AlgorithmIdentifier(digest.getAlgorithm(), new PKCS12PBEParams(salt, iterations)),
              mac,
              key);
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("cannot set up " + jce, e);
        }
      }
    };
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  /** A JCE {@link Mac} as BouncyCastle's {@link MacCalculator}. */
  private record JceMacCalculator(AlgorithmIdentifier algorithm, Mac mac, SecretKey key)
      implements MacCalculator {
    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
      return algorithm;
    }

    @Override
    public OutputStream getOutputStream() {
      return new OutputStream() {
        @Override
        public void write(int b) {
          mac.update((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          mac.update(b, off, len);
        }
      };
    }

    @Override
    public byte[] getMac() {
      return mac.doFinal();
    }

    @Override
    public GenericKey getKey() {
      return new JceGenericKey(algorithm, key);
    }
  }
}
