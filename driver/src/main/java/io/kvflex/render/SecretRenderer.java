package io.kvflex.render;

import io.kvflex.options.ObjectFormat;
import io.kvflex.vault.VaultObject.Secret;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

/**
 * Secret formats. {@code raw} is the stored value byte for byte; {@code base64}/{@code hex} decode
 * it; {@code pem} and {@code pfx} convert certificate-backed secrets, whichever of Key Vault's two
 * content types stored them.
 */
final class SecretRenderer {
  private SecretRenderer() {}

  static byte[] render(Secret secret, ObjectFormat format) throws BadContentException {
    if (format == ObjectFormat.RAW) {
      return secret.value().reveal();
    }
    String text = secret.value().revealUtf8();
    return switch (format) {
      case BASE64 -> Decoding.base64(text);
      case HEX -> Decoding.hex(text);
      case PEM -> pem(secret, text);
      case PFX -> pfx(secret, text);
      default -> throw new IllegalArgumentException(format + " is not a secret format");
    };
  }

  /**
   * Key (PKCS#8) then chain leaf to root; PEM text that is not certificate-backed passes through.
   */
  private static byte[] pem(Secret secret, String text) throws BadContentException {
    KeyAndChain content =
        switch (SecretContent.of(secret, text)) {
          case PKCS12_BASE64 -> Pkcs12.read(Decoding.base64(text));
          case PEM_BUNDLE -> CertificateBundles.fromPem(text);
          case PEM_TEXT -> null;
          case OTHER -> Pkcs12.read(sniffPkcs12(text).store());
        };
    return content == null ? secret.value().reveal() : toPem(content);
  }

  /** The PFX bytes: decoded as stored, or built from a PEM certificate-backed secret. */
  private static byte[] pfx(Secret secret, String text) throws BadContentException {
    return switch (SecretContent.of(secret, text)) {
      case PKCS12_BASE64 -> loadable(Decoding.base64(text));
      case PEM_BUNDLE, PEM_TEXT ->
          Pkcs12.write(CertificateBundles.fromPem(text), secret.ref().name());
      case OTHER -> sniffPkcs12(text).bytes();
    };
  }

  private static byte[] loadable(byte[] pkcs12) throws BadContentException {
    Pkcs12.load(pkcs12);
    return pkcs12;
  }

  /** A PKCS#12's bytes and the same, opened (opening costs a few hundred ms on a cold JVM). */
  private record OpenedPkcs12(byte[] bytes, KeyStore store) {}

  /** A secret without a content type may still hold a PFX as base64 (imported by hand). */
  private static OpenedPkcs12 sniffPkcs12(String text) throws BadContentException {
    try {
      byte[] bytes = Decoding.base64(text);
      return new OpenedPkcs12(bytes, Pkcs12.load(bytes));
    } catch (BadContentException notPkcs12) {
      throw new BadContentException(
          "is not certificate-backed: its content type is neither "
              + SecretContent.PKCS12_CONTENT_TYPE
              + " nor "
              + SecretContent.PEM_CONTENT_TYPE
              + ", and it is neither PEM text nor the base64 of a PKCS#12");
    }
  }

  static byte[] toPem(KeyAndChain content) throws BadContentException {
    StringBuilder out = new StringBuilder();
    if (content.key().isPresent()) {
      PrivateKey key = content.key().get();
      if (!"PKCS#8".equals(key.getFormat()) || key.getEncoded() == null) {
        throw new BadContentException("holds a private key the JDK cannot export as PKCS#8");
      }
      out.append(Pem.encode(PrivateKeys.PKCS8, key.getEncoded()));
    }
    for (X509Certificate c : content.allCertificates()) {
      try {
        out.append(Pem.encode("CERTIFICATE", c.getEncoded()));
      } catch (CertificateEncodingException e) {
        throw new BadContentException("holds a certificate that cannot be encoded", e);
      }
    }
    return out.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
