package io.kvflex.render;

import io.kvflex.testsupport.Pem;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.bc.BcPKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.bc.BcPKCS12PBEOutputEncryptorBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;

/**
 * PKCS#12 files no command-line tool writes (several keys, a key without its certificate, ...),
 * built at test time with BouncyCastle's PKCS#12 builder, an independent writer. BouncyCastle
 * derives the empty password as zero bytes, the encoding OpenSSL does not use.
 */
final class Pkcs12Files {
  private final List<PKCS12SafeBag> plain = new ArrayList<>();
  private final List<PKCS12SafeBag> encrypted = new ArrayList<>();

  /** The RSA (or EC) leaf key and its chain leaf, intermediate, root, as OpenSSL wrote them. */
  static Pem.KeyAndChain material(String key) {
    return Pem.keyAndChain(Fixtures.bytes("leaf-" + key + ".expected-chain.pem"));
  }

  Pkcs12Files plainKey(PrivateKey key) {
    plain.add(new JcaPKCS12SafeBagBuilder(key).build());
    return this;
  }

  Pkcs12Files shroudedKey(PrivateKey key) {
    plain.add(new JcaPKCS12SafeBagBuilder(key, tripleDes()).build());
    return this;
  }

  /** A key bag encrypted with two-key triple DES, a PKCS#12 cipher SunJCE does not have. */
  Pkcs12Files twoKeyTripleDesKey(PrivateKey key) {
    OutputEncryptor twoKey =
        new BcPKCS12PBEOutputEncryptorBuilder(
                PKCSObjectIdentifiers.pbeWithSHAAnd2_KeyTripleDES_CBC,
                CBCBlockCipher.newInstance(new DESedeEngine()))
            .build(new char[0]);
    plain.add(new JcaPKCS12SafeBagBuilder(key, twoKey).build());
    return this;
  }

  /** Certificates in an encrypted safe, like most exporters. */
  Pkcs12Files certificates(List<X509Certificate> certificates) {
    try {
      for (X509Certificate c : certificates) {
        encrypted.add(new JcaPKCS12SafeBagBuilder(c).build());
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return this;
  }

  /** DER bytes with a SHA-1 MAC over the zero-byte empty password, or none. */
  byte[] build(boolean mac) {
    return build(mac ? new BcPKCS12MacCalculatorBuilder() : null);
  }

  byte[] build(PKCS12MacCalculatorBuilder mac) {
    try {
      PKCS12PfxPduBuilder builder = new PKCS12PfxPduBuilder();
      for (PKCS12SafeBag bag : plain) {
        builder.addData(bag);
      }
      if (!encrypted.isEmpty()) {
        builder.addEncryptedData(tripleDes(), encrypted.toArray(new PKCS12SafeBag[0]));
      }
      return builder.build(mac, new char[0]).getEncoded("DER");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String base64(byte[] pkcs12) {
    return Base64.getEncoder().encodeToString(pkcs12);
  }

  private static OutputEncryptor tripleDes() {
    return new BcPKCS12PBEOutputEncryptorBuilder(
            PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC,
            CBCBlockCipher.newInstance(new DESedeEngine()))
        .build(new char[0]);
  }
}
