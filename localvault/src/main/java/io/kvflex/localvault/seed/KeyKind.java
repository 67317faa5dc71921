package io.kvflex.localvault.seed;

import java.util.Locale;

/**
 * Key type of a key or of a certificate's key pair, as Key Vault names it in {@code kty}. The
 * {@code -HSM} kinds are served with that {@code kty} (premium vaults and Managed HSM answer {@code
 * RSA-HSM}/{@code EC-HSM}); localvault generates their key pairs in software like the others.
 */
public enum KeyKind {
  RSA("RSA"),
  RSA_HSM("RSA-HSM"),
  EC("EC"),
  EC_HSM("EC-HSM");

  private final String kty;

  KeyKind(String kty) {
    this.kty = kty;
  }

  /** The JWK {@code kty} Key Vault answers for this kind. */
  public String kty() {
    return kty;
  }

  public boolean isRsa() {
    return this == RSA || this == RSA_HSM;
  }

  public boolean isHsm() {
    return this == RSA_HSM || this == EC_HSM;
  }

  /** Accepts {@code RSA}, {@code RSA-HSM}, {@code EC}, {@code EC-HSM} in any case. */
  public static KeyKind parse(String text) {
    String t = text.toUpperCase(Locale.ROOT);
    for (KeyKind k : values()) {
      if (k.kty.equals(t)) {
        return k;
      }
    }
    throw new IllegalArgumentException("must be RSA, RSA-HSM, EC or EC-HSM, not '" + text + "'");
  }
}
