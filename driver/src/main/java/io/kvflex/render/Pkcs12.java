package io.kvflex.render;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * PKCS#12 through the JDK {@link KeyStore}, always with the EMPTY password: Key Vault exports
 * certificate-backed secrets ({@code application/x-pkcs12}) with an empty password, and the files
 * kvflex writes use one too, so the pod's file permissions are what protects them.
 */
final class Pkcs12 {
  private static final char[] EMPTY_PASSWORD = new char[0];

  private Pkcs12() {}

  /** Key and ordered chain of a PKCS#12 file. */
  static KeyAndChain read(byte[] pkcs12) throws BadContentException {
    return read(load(pkcs12));
  }

  /**
   * Key and ordered chain of a loaded PKCS#12. The JDK exposes the key entry's chain (which it
   * builds by issuer name) and certificates marked as trusted; other loose certificates in the file
   * are not visible through {@link KeyStore}.
   */
  static KeyAndChain read(KeyStore store) throws BadContentException {
    Optional<PrivateKey> key = Optional.empty();
    List<X509Certificate> certificates = new ArrayList<>();
    try {
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          Key entryKey = store.getKey(alias, EMPTY_PASSWORD);
          if (entryKey instanceof PrivateKey privateKey) {
            if (key.isPresent()) {
              throw new BadContentException(
                  "is a PKCS#12 with more than one private key; a certificate-backed secret has"
                      + " exactly one");
            }
            key = Optional.of(privateKey);
          }
          Certificate[] chain = store.getCertificateChain(alias);
          for (Certificate c : chain == null ? new Certificate[0] : chain) {
            certificates.add((X509Certificate) c);
          }
        } else if (store.getCertificate(alias) instanceof X509Certificate c) {
          certificates.add(c);
        }
      }
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new BadContentException("is a PKCS#12 whose entries cannot be read", e);
    }
    if (key.isEmpty() && certificates.isEmpty()) {
      throw new BadContentException("is a PKCS#12 with neither a private key nor a certificate");
    }
    return ChainOrder.order(certificates, key);
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

  /** The PKCS#12, opened with the empty password; throws if it is not one or will not open. */
  static KeyStore load(byte[] pkcs12) throws BadContentException {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(new ByteArrayInputStream(pkcs12), EMPTY_PASSWORD);
      return store;
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new BadContentException(
          "is not a PKCS#12 that opens with an empty password (Key Vault exports use one)", e);
    }
  }
}
