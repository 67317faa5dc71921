package io.kvflex.render;

import java.nio.ByteBuffer;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Orders certificates leaf first, then each issuer up to the root, whatever order they were stored
 * in. Issuers are found by name (issuer = subject), narrowed by key identifiers (authority key id
 * of the child = subject key id of the parent) where both are present, and preferring the candidate
 * whose key verifies the child's signature (two CAs may share a name). Certificates on no path
 * follow in their stored order: kvflex never drops material the user stored.
 */
final class ChainOrder {
  private ChainOrder() {}

  /**
   * @param certificates as stored (duplicates are removed)
   * @param key the private key, if any: the leaf is the certificate it belongs to
   */
  static KeyAndChain order(List<X509Certificate> certificates, Optional<PrivateKey> key)
      throws BadContentException {
    List<X509Certificate> remaining = dedupe(certificates);
    if (remaining.isEmpty()) {
      return new KeyAndChain(key, List.of(), List.of());
    }
    X509Certificate leaf = key.isPresent() ? leafOfKey(remaining, key.get()) : leafOf(remaining);
    List<X509Certificate> ordered = new ArrayList<>();
    X509Certificate current = leaf;
    while (current != null) {
      ordered.add(current);
      remaining.remove(current);
      current = isSelfIssued(current) ? null : issuerOf(current, remaining);
    }
    return new KeyAndChain(key, ordered, remaining);
  }

  private static X509Certificate leafOfKey(List<X509Certificate> certs, PrivateKey key)
      throws BadContentException {
    for (X509Certificate c : certs) {
      if (KeyMatch.matches(key, c.getPublicKey())) {
        return c;
      }
    }
    throw BadContentException.withFix(
        "holds a private key that belongs to none of its " + certs.size() + " certificate(s)",
        "Store the private key together with its own certificate (matched by public key) and"
            + " chain, or use keyvaultobjectformats raw.");
  }

  /** Without a key: the first certificate that issued none of the others. */
  private static X509Certificate leafOf(List<X509Certificate> certs) {
    for (X509Certificate candidate : certs) {
      boolean issuesAnother = false;
      for (X509Certificate other : certs) {
        if (other != candidate && !isSelfIssued(other) && mayHaveIssued(candidate, other)) {
          issuesAnother = true;
          break;
        }
      }
      if (!issuesAnother) {
        return candidate;
      }
    }
    return certs.get(0);
  }

  private static X509Certificate issuerOf(X509Certificate child, List<X509Certificate> pool) {
    X509Certificate byName = null;
    for (X509Certificate candidate : pool) {
      if (mayHaveIssued(candidate, child)) {
        if (verifies(candidate, child)) {
          return candidate;
        }
        if (byName == null) {
          byName = candidate;
        }
      }
    }
    return byName;
  }

  static boolean isSelfIssued(X509Certificate c) {
    return c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
  }

  private static boolean mayHaveIssued(X509Certificate parent, X509Certificate child) {
    if (!child.getIssuerX500Principal().equals(parent.getSubjectX500Principal())) {
      return false;
    }
    Optional<byte[]> authorityKeyId = KeyIdentifiers.authorityKeyId(child);
    Optional<byte[]> subjectKeyId = KeyIdentifiers.subjectKeyId(parent);
    return authorityKeyId.isEmpty()
        || subjectKeyId.isEmpty()
        || Arrays.equals(authorityKeyId.get(), subjectKeyId.get());
  }

  private static boolean verifies(X509Certificate parent, X509Certificate child) {
    try {
      child.verify(parent.getPublicKey());
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private static List<X509Certificate> dedupe(List<X509Certificate> certs)
      throws BadContentException {
    Map<ByteBuffer, X509Certificate> unique = new LinkedHashMap<>();
    for (X509Certificate c : certs) {
      try {
        unique.putIfAbsent(ByteBuffer.wrap(c.getEncoded()), c);
      } catch (CertificateEncodingException e) {
        throw new BadContentException("holds a certificate that cannot be encoded", e);
      }
    }
    return new ArrayList<>(unique.values());
  }
}
