package io.kvflex.localvault.store;

import io.kvflex.localvault.pki.CertificateAuthority;
import io.kvflex.localvault.pki.CertificateAuthority.Profile;
import io.kvflex.localvault.pki.IssuingChain;
import io.kvflex.localvault.pki.KeyPairs;
import io.kvflex.localvault.pki.Pem;
import io.kvflex.localvault.pki.Pkcs12;
import io.kvflex.localvault.seed.CertificateSpec;
import io.kvflex.localvault.seed.KeyKind;
import io.kvflex.localvault.seed.SecretText;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.bouncycastle.asn1.x509.GeneralName;

/** Creates object versions: generated key pairs, issued certificates and their backing secrets. */
public final class ObjectFactory {
  private final Clock clock;
  private final Supplier<IssuingChain> chain;

  public ObjectFactory(Clock clock, Supplier<IssuingChain> chain) {
    this.clock = clock;
    this.chain = chain;
  }

  /** A fresh version id: 32 lowercase hex characters. */
  public static String newVersion() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  public long nowSeconds() {
    return clock.instant().getEpochSecond();
  }

  public SecretVersion secret(
      String name,
      SecretText value,
      String contentType,
      Map<String, String> tags,
      boolean enabled) {
    return new SecretVersion(
        name,
        newVersion(),
        value,
        contentType,
        tags,
        Attributes.created(nowSeconds(), enabled),
        false);
  }

  public KeyVersion key(
      String name,
      KeyKind kind,
      int size,
      String curve,
      List<String> ops,
      Map<String, String> tags,
      boolean enabled) {
    KeyPair kp = KeyPairs.generate(kind, size, curve);
    return new KeyVersion(
        name,
        newVersion(),
        kind,
        kp.getPublic(),
        ops,
        tags,
        Attributes.created(nowSeconds(), enabled),
        false,
        false);
  }

  /**
   * Generates a key pair and certificate per the policy, then stores certificate, key and secret.
   */
  public CertificateVersion createCertificate(
      VaultState vault,
      String name,
      CertificatePolicy policy,
      Map<String, String> tags,
      boolean enabled) {
    KeyKind kind = KeyKind.parse(policy.keyType());
    int size = policy.keySize() == null ? 2048 : policy.keySize();
    KeyPair kp = KeyPairs.generate(kind, size, policy.curve() == null ? "P-256" : policy.curve());
    Instant notBefore =
        clock
            .instant()
            .minus(Duration.ofMinutes(5))
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    Instant notAfter =
        notBefore.atOffset(ZoneOffset.UTC).plusMonths(policy.validityMonths()).toInstant();
    Duration validity = Duration.between(notBefore, notAfter);
    List<GeneralName> sans = new ArrayList<>();
    policy.dnsNames().forEach(d -> sans.add(new GeneralName(GeneralName.dNSName, d)));
    List<X509Certificate> certs = new ArrayList<>();
    if (policy.issuerName().equals("Self")) {
      certs.add(CertificateAuthority.selfSigned(policy.subject(), kp, sans, notBefore, validity));
    } else {
      IssuingChain c = chain.get();
      certs.add(
          c.issuer()
              .issue(
                  policy.subject(), kp.getPublic(), sans, notBefore, validity, Profile.END_ENTITY));
      certs.addAll(c.issuers());
    }
    return store(vault, name, certs, kp.getPrivate(), policy, tags, enabled, true);
  }

  /**
   * Stores an imported or generated certificate with its key and backing secret.
   *
   * @param createdInVault true when the vault issued it (create), false when imported
   */
  public CertificateVersion store(
      VaultState vault,
      String name,
      List<X509Certificate> chainLeafFirst,
      PrivateKey key,
      CertificatePolicy policy,
      Map<String, String> tags,
      boolean enabled,
      boolean createdInVault) {
    String version = newVersion();
    X509Certificate leaf = chainLeafFirst.get(0);
    Attributes attrs =
        Attributes.created(nowSeconds(), enabled)
            .withValidity(
                leaf.getNotBefore().toInstant().getEpochSecond(),
                leaf.getNotAfter().toInstant().getEpochSecond());
    CertificateVersion cert =
        new CertificateVersion(
            name, version, chainLeafFirst, key, policy, tags, attrs, createdInVault);
    List<String> ops =
        leaf.getPublicKey() instanceof ECKey
            ? List.of("sign", "verify")
            : List.of("sign", "verify", "wrapKey", "unwrapKey");
    vault
        .keys()
        .add(
            new KeyVersion(
                name,
                version,
                KeyKind.parse(policy.keyType()),
                leaf.getPublicKey(),
                ops,
                Map.of(),
                attrs,
                true,
                policy.exportable()));
    vault
        .secrets()
        .add(
            new SecretVersion(
                name,
                version,
                new SecretText(secretValue(policy, key, chainLeafFirst)),
                policy.contentType(),
                Map.of(),
                attrs,
                true));
    vault.certificates().add(cert);
    return cert;
  }

  /** The backing secret: base64 PFX (empty password) or PEM (key first, then leaf and chain). */
  static String secretValue(CertificatePolicy policy, PrivateKey key, List<X509Certificate> chain) {
    PrivateKey exported = policy.exportable() ? key : null;
    if (CertificateSpec.PEM.equals(policy.contentType())) {
      StringBuilder sb = new StringBuilder();
      if (exported != null) {
        sb.append(Pem.privateKey(exported));
      }
      chain.forEach(c -> sb.append(Pem.certificate(c)));
      return sb.toString();
    }
    return Base64.getEncoder()
        .encodeToString(Pkcs12.write(exported, chain, policy.pkcs12Encryption()));
  }

  /** The policy of a seeded certificate. */
  public static CertificatePolicy policyOf(CertificateSpec spec) {
    boolean rsa = spec.kind().isRsa();
    return new CertificatePolicy(
        spec.subject(),
        spec.dnsNames(),
        spec.kind().kty(),
        rsa ? spec.size() : null,
        rsa ? null : spec.curve(),
        spec.exportable(),
        spec.contentType(),
        spec.validityMonths(),
        spec.chain() ? "Unknown" : "Self",
        spec.pkcs12Encryption());
  }
}
