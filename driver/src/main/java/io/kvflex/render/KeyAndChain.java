package io.kvflex.render;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * The content of a certificate-backed secret: the private key (absent when Key Vault's key is not
 * exportable), the chain (leaf first, then each issuer up to the root) and the stored certificates
 * on no path from the leaf, in their stored order. {@link #toString()} never shows the key.
 */
record KeyAndChain(
    Optional<PrivateKey> key, List<X509Certificate> chain, List<X509Certificate> others) {
  KeyAndChain {
    chain = List.copyOf(chain);
    others = List.copyOf(others);
  }

  /** The chain, then the others: what the {@code pem} format writes after the key. */
  List<X509Certificate> allCertificates() {
    List<X509Certificate> all = new java.util.ArrayList<>(chain);
    all.addAll(others);
    return all;
  }

  @Override
  public String toString() {
    return "KeyAndChain[key "
        + (key.isPresent() ? "present" : "absent")
        + ", "
        + chain.size()
        + " in chain, "
        + others.size()
        + " others]";
  }
}
