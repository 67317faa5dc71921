package io.kvflex.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

/**
 * PKCS#12 files of certificate-backed secrets, always with the EMPTY password: Key Vault exports
 * certificate-backed secrets ({@code application/x-pkcs12}) with an empty password, and the files
 * kvflex writes use one too, so the pod's file permissions are what protects them. Reading goes
 * through {@link Pkcs12Reader} (every bag of the standard); the rest of the renderer sees only JDK
 * types and {@link KeyAndChain}.
 */
final class Pkcs12 {
  private static final char[] EMPTY_PASSWORD = new char[0];

  /** PFX ::= SEQUENCE { version INTEGER (v3), ... }: the version's encoding. */
  private static final byte[] VERSION_3 = {0x02, 0x01, 0x03};

  private Pkcs12() {}

  /** Key (if any) and ordered chain of a PKCS#12 file. */
  static KeyAndChain read(byte[] pkcs12) throws BadContentException {
    Pkcs12Reader.Contents contents = Pkcs12Reader.read(pkcs12);
    if (contents.keys().isEmpty() && contents.certificates().isEmpty()) {
      throw new BadContentException("is a PKCS#12 with neither a private key nor a certificate");
    }
    return CertificateMaterial.assemble(contents.keys(), contents.certificates());
  }

  /**
   * The PKCS#12 itself, once checked to hold exactly one private key and its certificate: what the
   * {@code pfx} format passes through unchanged.
   */
  static byte[] checkedForPfx(byte[] pkcs12) throws BadContentException {
    if (read(pkcs12).key().isEmpty()) {
      throw BadContentException.withFix(
          "is a PKCS#12 without a private key (Key Vault stores none when the certificate's key"
              + " is not exportable), so it is no PFX a server can use",
          "Use keyvaultobjectformats pem for the certificates alone, or make the certificate's"
              + " key exportable in its Key Vault policy.");
    }
    return pkcs12;
  }

  /**
   * Whether bytes start like a PKCS#12 ({@code SEQUENCE { INTEGER 3, ...}}, DER or BER), for values
   * without a content type. Cheap, so that other values never load the PKCS#12 reader.
   */
  static boolean looksLikePkcs12(byte[] bytes) {
    if (bytes.length < 2 + VERSION_3.length || bytes[0] != 0x30) {
      return false;
    }
    int length = bytes[1] & 0xff;
    int versionAt = 2 + (length > 0x80 ? length & 0x7f : 0);
    if (bytes.length < versionAt + VERSION_3.length) {
      return false;
    }
    for (int i = 0; i < VERSION_3.length; i++) {
      if (bytes[versionAt + i] != VERSION_3[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * A new PKCS#12 holding the key and its chain under {@code alias} (other certificates as
   * certificate entries {@code alias-other-N}), empty password, the JDK's default algorithms
   * (PBES2/AES-256 bags, HMAC-SHA256 MAC: readable by OpenSSL 1.1.1+, Java 8u301+, .NET Core 3+).
   * Salts are random, so the bytes differ on every call.
   */
  static byte[] write(KeyAndChain content, String alias) throws BadContentException {
    if (content.key().isEmpty()) {
      throw new BadContentException("holds no private key, so there is nothing to put in a PFX");
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(
          alias, content.key().get(), EMPTY_PASSWORD, content.chain().toArray(new Certificate[0]));
      // Certificates on no path from the leaf: kept, as certificate entries of their own.
      int n = 0;
      for (X509Certificate other : content.others()) {
        store.setCertificateEntry(alias + "-other-" + ++n, other);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      store.store(out, EMPTY_PASSWORD);
      return out.toByteArray();
    } catch (GeneralSecurityException | IOException e) {
      throw new BadContentException("could not be turned into a PKCS#12 by the JDK", e);
    }
  }
}
