package io.kvflex.render;

import io.kvflex.vault.VaultObject.Secret;
import java.util.Locale;

/** What a secret's value is, judged by its content type first and its text second. */
enum SecretContent {
  /** {@code application/x-pkcs12}: standard base64 of a PFX (Key Vault certificate export). */
  PKCS12_BASE64,
  /** {@code application/x-pem-file}: private key and certificates as PEM (Key Vault export). */
  PEM_BUNDLE,
  /** No certificate content type, but PEM text (e.g. a key or a CA bundle stored by hand). */
  PEM_TEXT,
  /** Anything else: a password, a token, base64 of something. */
  OTHER;

  static final String PKCS12_CONTENT_TYPE = "application/x-pkcs12";
  static final String PEM_CONTENT_TYPE = "application/x-pem-file";

  static SecretContent of(Secret secret, String text) {
    String contentType =
        secret
            .contentType()
            .map(t -> t.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
            .orElse("");
    if (contentType.equals(PKCS12_CONTENT_TYPE)) {
      return PKCS12_BASE64;
    }
    if (contentType.equals(PEM_CONTENT_TYPE)) {
      return PEM_BUNDLE;
    }
    return Pem.looksLikePem(text) ? PEM_TEXT : OTHER;
  }
}
