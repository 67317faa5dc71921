package io.kvflex.render;

import java.io.ByteArrayInputStream;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a PEM certificate-backed secret ({@code application/x-pem-file}): a private key block (any
 * of the forms {@link PrivateKeys} reads) and any number of {@code CERTIFICATE} blocks, in any
 * order, duplicates allowed. {@code EC PARAMETERS} blocks (emitted by {@code openssl ecparam
 * -genkey}) are skipped; any other block is refused rather than silently dropped.
 */
final class CertificateBundles {
  private static final String CERTIFICATE = "CERTIFICATE";

  /**
   * The pre-RFC 7468 label old OpenSSL versions wrote; RFC 7468 section 5.3 lets parsers read it.
   */
  private static final String LEGACY_CERTIFICATE = "X509 CERTIFICATE";

  private static final String EC_PARAMETERS = "EC PARAMETERS";

  private CertificateBundles() {}

  static KeyAndChain fromPem(String text) throws BadContentException {
    List<PrivateKey> keys = new ArrayList<>();
    List<X509Certificate> certificates = new ArrayList<>();
    for (Pem.Block block : Pem.parse(text)) {
      if (block.label().equals(CERTIFICATE) || block.label().equals(LEGACY_CERTIFICATE)) {
        certificates.add(certificate(block.der()));
      } else if (PrivateKeys.isPrivateKeyLabel(block.label())) {
        keys.add(PrivateKeys.fromPem(block));
      } else if (!block.label().equals(EC_PARAMETERS)) {
        throw new BadContentException(
            "has a PEM block "
                + Pem.safeLabel(block.label())
                + " that is neither a private key nor a CERTIFICATE");
      }
    }
    if (certificates.isEmpty()) {
      throw new BadContentException("holds no CERTIFICATE block");
    }
    return CertificateMaterial.assemble(keys, certificates);
  }

  static X509Certificate certificate(byte[] der) throws BadContentException {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | ClassCastException e) {
      throw new BadContentException("has a CERTIFICATE block that is not an X.509 certificate");
    }
  }
}
