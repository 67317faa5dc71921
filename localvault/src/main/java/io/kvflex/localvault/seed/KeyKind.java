package io.kvflex.localvault.seed;

import java.util.Locale;

/** Key type of a key or of a certificate's key pair. */
public enum KeyKind {
  RSA,
  EC;

  /** Accepts {@code RSA}, {@code RSA-HSM}, {@code EC}, {@code EC-HSM} in any case. */
  public static KeyKind parse(String text) {
    String t = text.toUpperCase(Locale.ROOT);
    return switch (t) {
      case "RSA", "RSA-HSM" -> RSA;
      case "EC", "EC-HSM" -> EC;
      default -> throw new IllegalArgumentException("must be RSA or EC, not '" + text + "'");
    };
  }
}
