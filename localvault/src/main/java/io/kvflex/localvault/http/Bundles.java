package io.kvflex.localvault.http;

import io.kvflex.localvault.pki.Jwk;
import io.kvflex.localvault.store.Attributes;
import io.kvflex.localvault.store.CertificatePolicy;
import io.kvflex.localvault.store.CertificateVersion;
import io.kvflex.localvault.store.KeyVersion;
import io.kvflex.localvault.store.ObjectKind;
import io.kvflex.localvault.store.SecretVersion;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of Key Vault bundles and list items, as recorded (api-version 7.2-2025-07-01).
 */
final class Bundles {
  private Bundles() {}

  static Map<String, Object> attributes(Attributes a, Boolean exportable) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("enabled", a.enabled());
    if (a.notBefore() != null) {
      m.put("nbf", a.notBefore());
    }
    if (a.expires() != null) {
      m.put("exp", a.expires());
    }
    m.put("created", a.created());
    m.put("updated", a.updated());
    m.put("recoveryLevel", Attributes.RECOVERY_LEVEL);
    m.put("recoverableDays", a.recoverableDays());
    if (exportable != null) {
      m.put("exportable", exportable);
    }
    return m;
  }

  static Map<String, Object> secretBundle(VaultRequest r, SecretVersion s, boolean withValue) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (withValue) {
      m.put("value", s.value().reveal());
    }
    if (s.contentType() != null) {
      m.put("contentType", s.contentType());
    }
    m.put("id", r.id(ObjectKind.SECRET, s.name(), s.version()));
    m.put("attributes", attributes(s.attributes(), null));
    if (!s.tags().isEmpty() || s.managed()) {
      m.put("tags", s.tags());
    }
    if (s.managed()) {
      m.put("kid", r.id(ObjectKind.KEY, s.name(), s.version()));
      m.put("managed", true);
    }
    return m;
  }

  static Map<String, Object> secretItem(VaultRequest r, SecretVersion s, boolean withVersion) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id(ObjectKind.SECRET, s.name(), withVersion ? s.version() : null));
    m.put("attributes", attributes(s.attributes(), null));
    if (!s.tags().isEmpty()) {
      m.put("tags", s.tags());
    }
    if (s.contentType() != null) {
      m.put("contentType", s.contentType());
    }
    if (s.managed()) {
      m.put("managed", true);
    }
    return m;
  }

  static Map<String, Object> keyBundle(VaultRequest r, KeyVersion k) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(
        "key",
        Jwk.publicJwk(
            r.id(ObjectKind.KEY, k.name(), k.version()),
            k.publicKey(),
            k.keyOps(),
            k.kind().isHsm()));
    m.put("attributes", attributes(k.attributes(), exportable(r, k)));
    if (!k.tags().isEmpty()) {
      m.put("tags", k.tags());
    }
    if (k.managed()) {
      m.put("managed", true);
    }
    return m;
  }

  static Map<String, Object> keyItem(VaultRequest r, KeyVersion k, boolean withVersion) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kid", r.id(ObjectKind.KEY, k.name(), withVersion ? k.version() : null));
    m.put("attributes", attributes(k.attributes(), exportable(r, k)));
    if (!k.tags().isEmpty()) {
      m.put("tags", k.tags());
    }
    if (k.managed()) {
      m.put("managed", true);
    }
    return m;
  }

  /**
   * {@code exportable} appears from api-version 7.3 on: absent at 7.2 and 7.3-preview (Java {@code
   * KeyClientTest.listKeys[1].json}, {@code KeyClientTest.getKey[1].json}), {@code false} on a
   * plain vault key at 7.3 (C++ {@code KeyVaultKeyClient.CreateDeletedKey.json}).
   */
  private static Boolean exportable(VaultRequest r, KeyVersion k) {
    return ApiVersions.atLeast(r.apiVersion, "7.3") ? k.exportable() : null;
  }

  /**
   * A certificate as {@code GET /certificates/{name}} (latest) answers it: with {@code tags} (even
   * empty), the {@code policy}, and {@code pending} if the vault created it.
   */
  static Map<String, Object> certificateBundle(VaultRequest r, CertificateVersion c) {
    Map<String, Object> m = certificateVersionBundle(r, c);
    m.put("policy", policy(r, c.name(), c.policy(), c.attributes()));
    if (c.createdInVault()) {
      m.put("pending", Map.of("id", r.id(ObjectKind.CERTIFICATE, c.name(), null) + "/pending"));
    }
    return m;
  }

  /**
   * A certificate as {@code GET /certificates/{name}/{version}} answers it: no {@code policy}, no
   * {@code pending} (C++ {@code KeyVaultCertificateClientTest.GetCertificateVersion.json}).
   */
  static Map<String, Object> certificateVersionBundle(VaultRequest r, CertificateVersion c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id(ObjectKind.CERTIFICATE, c.name(), c.version()));
    m.put("kid", r.id(ObjectKind.KEY, c.name(), c.version()));
    m.put("sid", r.id(ObjectKind.SECRET, c.name(), c.version()));
    m.put("x5t", x5t(c));
    m.put("cer", Base64.getEncoder().encodeToString(der(c)));
    m.put("attributes", attributes(c.attributes(), null));
    m.put("tags", c.tags());
    return m;
  }

  static Map<String, Object> certificateItem(
      VaultRequest r, CertificateVersion c, boolean withVersion) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id(ObjectKind.CERTIFICATE, c.name(), withVersion ? c.version() : null));
    m.put("x5t", x5t(c));
    m.put("attributes", attributes(c.attributes(), null));
    if (!c.tags().isEmpty()) {
      m.put("tags", c.tags());
    }
    m.put("subject", "");
    return m;
  }

  static Map<String, Object> policy(
      VaultRequest r, String name, CertificatePolicy p, Attributes a) {
    Map<String, Object> keyProps = new LinkedHashMap<>();
    keyProps.put("exportable", p.exportable());
    keyProps.put("kty", p.keyType());
    if (p.keySize() != null) {
      keyProps.put("key_size", p.keySize());
    }
    if (p.curve() != null) {
      keyProps.put("crv", p.curve());
    }
    keyProps.put("reuse_key", false);
    Map<String, Object> x509 = new LinkedHashMap<>();
    x509.put("subject", p.subject());
    if (!p.dnsNames().isEmpty()) {
      x509.put("sans", Map.of("dns_names", p.dnsNames()));
    }
    x509.put("ekus", List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"));
    x509.put("key_usage", List.of("digitalSignature", "keyEncipherment"));
    x509.put("validity_months", p.validityMonths());
    x509.put("basic_constraints", Map.of("ca", false));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id(ObjectKind.CERTIFICATE, name, null) + "/policy");
    m.put("key_props", keyProps);
    m.put("secret_props", Map.of("contentType", p.contentType()));
    m.put("x509_props", x509);
    m.put(
        "lifetime_actions",
        List.of(
            Map.of(
                "trigger", Map.of("lifetime_percentage", 80),
                "action", Map.of("action_type", "AutoRenew"))));
    m.put("issuer", Map.of("name", p.issuerName()));
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("enabled", true);
    attrs.put("created", a.created());
    attrs.put("updated", a.updated());
    m.put("attributes", attrs);
    return m;
  }

  /** A completed certificate operation (create answers 202 with it; /pending returns it). */
  static Map<String, Object> completedOperation(VaultRequest r, CertificateVersion c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id(ObjectKind.CERTIFICATE, c.name(), null) + "/pending");
    m.put("issuer", Map.of("name", c.policy().issuerName()));
    m.put("cancellation_requested", false);
    m.put("status", "completed");
    m.put("target", r.id(ObjectKind.CERTIFICATE, c.name(), null));
    m.put("request_id", java.util.UUID.randomUUID().toString().replace("-", ""));
    return m;
  }

  static byte[] der(CertificateVersion c) {
    try {
      return c.leaf().getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** base64url (no padding) of the SHA-1 of the DER certificate. */
  static String x5t(CertificateVersion c) {
    try {
      return Jwk.b64url(MessageDigest.getInstance("SHA-1").digest(der(c)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
