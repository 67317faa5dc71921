package io.kvflex.localvault.seed;

import java.util.Locale;

/** How the PKCS#12 behind a certificate ({@code application/x-pkcs12}) is protected. */
public enum Pkcs12Encryption {
  /**
   * As Key Vault writes it: key and certificate bags {@code pbeWithSHAAnd3-KeyTripleDES-CBC}, MAC
   * HMAC-SHA-1, 2000 iterations. Some strict or FIPS-mode readers refuse these algorithms.
   */
  LEGACY,
  /** PBES2 (PBKDF2-HMAC-SHA-256, AES-256-CBC) bags, HMAC-SHA-256 MAC, 10000 iterations. */
  MODERN;

  /** The seed spelling: {@code legacy} or {@code modern}. */
  public String seedName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Pkcs12Encryption parse(String text) {
    for (Pkcs12Encryption e : values()) {
      if (e.seedName().equals(text)) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        "must be 'legacy' (3DES and SHA-1, as Key Vault writes it) or 'modern' (AES-256 and"
            + " SHA-256), not '"
            + text
            + "'");
  }
}
