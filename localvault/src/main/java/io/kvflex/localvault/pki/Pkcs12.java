package io.kvflex.localvault.pki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;

/** PKCS#12 files as Key Vault exports them: one key entry with its chain, empty password. */
public final class Pkcs12 {
  private Pkcs12() {}

  /** A PFX with the key (if any) and the chain (leaf first), openable with the empty password. */
  public static byte[] write(PrivateKey key, List<X509Certificate> chain) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      char[] empty = new char[0];
      if (key != null) {
        ks.setKeyEntry("1", key, empty, chain.toArray(new Certificate[0]));
      } else {
        for (int i = 0; i < chain.size(); i++) {
          ks.setCertificateEntry(String.valueOf(i + 1), chain.get(i));
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ks.store(out, empty);
      return out.toByteArray();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot write PKCS#12", e);
    }
  }
}
