package io.kvflex.render;

import java.nio.ByteBuffer;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The key and certificates of a certificate-backed secret, whichever container held them (PEM
 * blocks, PKCS#12 bags): at most one private key (the same key stored twice counts once), paired
 * with its certificate by public key, never by bag attributes or block order, then the chain
 * ordered leaf to root by {@link ChainOrder}.
 */
final class CertificateMaterial {
  private static final String ONE_KEY_FIX =
      "Store exactly one private key together with its own certificate and chain, or use"
          + " keyvaultobjectformats raw.";

  private CertificateMaterial() {}

  static KeyAndChain assemble(List<PrivateKey> keys, List<X509Certificate> certificates)
      throws BadContentException {
    List<PrivateKey> distinct = distinct(keys);
    if (distinct.size() > 1) {
      throw BadContentException.withFix(
          "holds "
              + distinct.size()
              + " different private keys; a certificate-backed secret holds exactly one, the key"
              + " of its leaf certificate",
          ONE_KEY_FIX);
    }
    Optional<PrivateKey> key = distinct.stream().findFirst();
    if (key.isPresent() && certificates.isEmpty()) {
      throw BadContentException.withFix("holds a private key but no certificate", ONE_KEY_FIX);
    }
    return ChainOrder.order(certificates, key);
  }

  private static List<PrivateKey> distinct(List<PrivateKey> keys) {
    Map<ByteBuffer, PrivateKey> unique = new LinkedHashMap<>();
    for (PrivateKey key : keys) {
      byte[] encoded = key.getEncoded();
      unique.putIfAbsent(encoded == null ? ByteBuffer.allocate(0) : ByteBuffer.wrap(encoded), key);
    }
    return new ArrayList<>(unique.values());
  }
}
