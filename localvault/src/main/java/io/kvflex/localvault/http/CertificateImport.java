package io.kvflex.localvault.http;

import io.kvflex.localvault.pki.Pem;
import io.kvflex.localvault.seed.CertificateSpec;
import io.kvflex.localvault.store.CertificatePolicy;
import io.kvflex.localvault.store.CertificateVersion;
import io.kvflex.localvault.store.ObjectFactory;
import java.io.ByteArrayInputStream;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

/** {@code POST /certificates/{name}/import}: a base64 PFX or PEM text with key and chain. */
final class CertificateImport {
  private final ObjectFactory factory;

  CertificateImport(ObjectFactory factory) {
    this.factory = factory;
  }

  CertificateVersion run(VaultRequest r, String name, Map<String, Object> body) throws KvException {
    String value =
        Bodies.string(body, "value")
            .orElseThrow(() -> KvException.badParameter("Property 'value' is required."));
    String pwd = Bodies.string(body, "pwd").orElse("");
    Map<String, Object> policyJson = Bodies.object(body, "policy");
    String contentType =
        Bodies.string(Bodies.object(policyJson, "secret_props"), "contentType")
            .orElse(value.contains("-----BEGIN") ? CertificateSpec.PEM : CertificateSpec.PKCS12);
    List<X509Certificate> chain = new ArrayList<>();
    PrivateKey key;
    try {
      if (contentType.equals(CertificateSpec.PEM)) {
        chain.addAll(Pem.parseCertificates(value));
        key = Pem.parsePrivateKey(value);
      } else {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(new ByteArrayInputStream(Base64.getMimeDecoder().decode(value)), pwd.toCharArray());
        key = null;
        for (Enumeration<String> e = ks.aliases(); e.hasMoreElements(); ) {
          String alias = e.nextElement();
          if (ks.isKeyEntry(alias)) {
            key = (PrivateKey) ks.getKey(alias, pwd.toCharArray());
            for (Certificate c : ks.getCertificateChain(alias)) {
              chain.add((X509Certificate) c);
            }
            break;
          }
        }
      }
    } catch (Exception e) {
      throw KvException.badParameter(
          "The specified certificate content could not be read (wrong format or password).");
    }
    if (key == null || chain.isEmpty()) {
      throw KvException.badParameter(
          "The specified certificate content must contain a private key and a certificate.");
    }
    CertificatePolicy base = CertificatesApi.policy(policyJson, name);
    X509Certificate leaf = chain.get(0);
    boolean ec = key instanceof ECKey;
    // The key's own family; an -HSM kty asked for in the policy is kept.
    String kty = base.keyType().startsWith(ec ? "EC" : "RSA") ? base.keyType() : ec ? "EC" : "RSA";
    CertificatePolicy policy =
        new CertificatePolicy(
            leaf.getSubjectX500Principal().getName(),
            base.dnsNames(),
            kty,
            ec ? null : ((RSAKey) key).getModulus().bitLength(),
            ec ? base.curve() : null,
            base.exportable(),
            contentType,
            base.validityMonths(),
            "Unknown",
            base.pkcs12Encryption());
    return factory.store(
        r.vault,
        name,
        chain,
        key,
        policy,
        Bodies.tags(body).orElse(Map.of()),
        Bodies.enabled(body).orElse(true),
        false);
  }
}
