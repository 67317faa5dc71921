package io.kvflex.localvault.store;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * One certificate version. Its key and backing secret live in the vault's key and secret maps under
 * the same name and version.
 *
 * @param chain leaf first, then its issuers
 * @param createdInVault issued by the vault (it then reports a {@code pending} operation), not
 *     imported
 */
public record CertificateVersion(
    String name,
    String version,
    List<X509Certificate> chain,
    PrivateKey privateKey,
    CertificatePolicy policy,
    Map<String, String> tags,
    Attributes attributes,
    boolean createdInVault) {

  public CertificateVersion {
    chain = List.copyOf(chain);
    tags = Map.copyOf(tags);
  }

  public X509Certificate leaf() {
    return chain.get(0);
  }

  public CertificateVersion withAttributes(Attributes a) {
    return new CertificateVersion(
        name, version, chain, privateKey, policy, tags, a, createdInVault);
  }

  public CertificateVersion withTags(Map<String, String> t) {
    return new CertificateVersion(
        name, version, chain, privateKey, policy, t, attributes, createdInVault);
  }

  @Override
  public String toString() {
    return "CertificateVersion[" + name + "/" + version + "]";
  }
}
