package io.kvflex.render;

import io.kvflex.options.ObjectFormat;
import io.kvflex.vault.VaultObject.Secret;
import java.nio.charset.StandardCharsets;
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
          case OTHER -> Pkcs12.read(sniffPkcs12(text));
        };
    return content == null ? secret.value().reveal() : toPem(content);
  }

  /**
   * The PFX bytes: as stored (decoded) once checked to hold one key and its certificate, or built
   * from a PEM certificate-backed secret.
   */
  private static byte[] pfx(Secret secret, String text) throws BadContentException {
    return switch (SecretContent.of(secret, text)) {
      case PKCS12_BASE64 -> Pkcs12.checkedForPfx(Decoding.base64(text));
      case PEM_BUNDLE, PEM_TEXT ->
          Pkcs12.write(CertificateBundles.fromPem(text), secret.ref().name());
      case OTHER -> Pkcs12.checkedForPfx(sniffPkcs12(text));
    };
  }

  /**
   * A secret without a content type may still hold a PFX as base64 (imported by hand). Values that
   * do not even start like one are refused here, before the PKCS#12 reader loads.
   */
  private static byte[] sniffPkcs12(String text) throws BadContentException {
    byte[] bytes;
    try {
      bytes = Decoding.base64(text);
    } catch (BadContentException notBase64) {
      throw notCertificateBacked();
    }
    if (!Pkcs12.looksLikePkcs12(bytes)) {
      throw notCertificateBacked();
    }
    return bytes;
  }

  private static BadContentException notCertificateBacked() {
    return new BadContentException(
        "is not certificate-backed: its content type is neither "
            + SecretContent.PKCS12_CONTENT_TYPE
            + " nor "
            + SecretContent.PEM_CONTENT_TYPE
            + ", and it is neither PEM text nor the base64 of a PKCS#12");
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
