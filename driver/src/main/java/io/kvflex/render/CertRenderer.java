package io.kvflex.render;

import io.kvflex.options.ObjectFormat;
import io.kvflex.vault.VaultObject.Certificate;
import java.nio.charset.StandardCharsets;

/** Certificate formats: the public X.509 certificate only (its key is in the secret). */
final class CertRenderer {
  private CertRenderer() {}

  static byte[] render(Certificate cert, ObjectFormat format) {
    return switch (format) {
      case PEM -> Pem.encode("CERTIFICATE", cert.der()).getBytes(StandardCharsets.US_ASCII);
      case DER -> cert.der();
      default -> throw new IllegalArgumentException(format + " is not a certificate format");
    };
  }
}
