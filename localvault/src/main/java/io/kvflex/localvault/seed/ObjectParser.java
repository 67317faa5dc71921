package io.kvflex.localvault.seed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Parses secrets, keys and certificates of a vault. */
final class ObjectParser {
  private static final List<String> CURVES = List.of("P-256", "P-384", "P-521");
  private static final Set<String> KEY_OPS =
      Set.of("encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey", "import", "export");

  SecretSpec secret(YamlNode n) {
    Map<String, YamlNode> f =
        n.fields(Set.of("name", "value", "contentType", "enabled", "tags", "versions"));
    String name = name(n, f);
    List<SecretSpec.Version> versions = new ArrayList<>();
    if (f.containsKey("versions")) {
      if (f.containsKey("value")) {
        throw n.error("give either 'value' or 'versions', not both");
      }
      for (YamlNode v : f.get("versions").items()) {
        versions.add(
            secretVersion(v, v.fields(Set.of("value", "contentType", "enabled", "tags")), f));
      }
      if (versions.isEmpty()) {
        throw f.get("versions").error("needs at least one version");
      }
    } else {
      versions.add(secretVersion(n, f, Map.of()));
    }
    return new SecretSpec(name, versions);
  }

  /** A version's own keys win over the secret-level defaults in {@code outer}. */
  private static SecretSpec.Version secretVersion(
      YamlNode n, Map<String, YamlNode> f, Map<String, YamlNode> outer) {
    YamlNode value = YamlNode.required(n, f, "value");
    Optional<YamlNode> ct =
        YamlNode.opt(f, "contentType").or(() -> YamlNode.opt(outer, "contentType"));
    Optional<YamlNode> en = YamlNode.opt(f, "enabled").or(() -> YamlNode.opt(outer, "enabled"));
    Optional<YamlNode> tags = YamlNode.opt(f, "tags").or(() -> YamlNode.opt(outer, "tags"));
    return new SecretSpec.Version(
        new SecretText(value.scalar()),
        ct.map(YamlNode::scalar).orElse(null),
        en.map(YamlNode::bool).orElse(true),
        tags.map(YamlNode::stringMap).orElse(Map.of()));
  }

  KeySpec key(YamlNode n) {
    Map<String, YamlNode> f =
        n.fields(Set.of("name", "type", "size", "curve", "keyOps", "versions", "enabled"));
    String name = name(n, f);
    KeyKind kind = kind(f.get("type"));
    List<String> ops = new ArrayList<>();
    if (f.containsKey("keyOps")) {
      for (String op : f.get("keyOps").strings()) {
        if (!KEY_OPS.contains(op)) {
          throw f.get("keyOps").error("unknown key operation '" + op + "'; allowed: " + KEY_OPS);
        }
        ops.add(op);
      }
    } else {
      ops.addAll(
          kind.isRsa()
              ? List.of("encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey")
              : List.of("sign", "verify"));
    }
    return new KeySpec(
        name,
        kind,
        size(f.get("size")),
        curve(f.get("curve")),
        List.copyOf(ops),
        versions(f),
        YamlNode.opt(f, "enabled").map(YamlNode::bool).orElse(true));
  }

  CertificateSpec certificate(YamlNode n) {
    Map<String, YamlNode> f =
        n.fields(
            Set.of(
                "name",
                "subject",
                "dnsNames",
                "keyType",
                "keySize",
                "curve",
                "contentType",
                "issuer",
                "validityMonths",
                "exportable",
                "pkcs12",
                "versions",
                "enabled"));
    String name = name(n, f);
    String contentType =
        YamlNode.opt(f, "contentType").map(YamlNode::scalar).orElse(CertificateSpec.PKCS12);
    if (!contentType.equals(CertificateSpec.PKCS12) && !contentType.equals(CertificateSpec.PEM)) {
      throw f.get("contentType")
          .error(
              "must be "
                  + CertificateSpec.PKCS12
                  + " or "
                  + CertificateSpec.PEM
                  + ", not '"
                  + contentType
                  + "'");
    }
    String issuer = YamlNode.opt(f, "issuer").map(YamlNode::scalar).orElse("self");
    if (!issuer.equals("self") && !issuer.equals("chain")) {
      throw f.get("issuer")
          .error(
              "must be 'self' (self-signed) or 'chain' (root -> intermediate -> leaf), not '"
                  + issuer
                  + "'");
    }
    Pkcs12Encryption pkcs12 = pkcs12(f, contentType);
    String subject = YamlNode.opt(f, "subject").map(YamlNode::scalar).orElse("CN=" + name);
    if (!subject.contains("=")) {
      throw f.get("subject").error("must be an X.500 name such as 'CN=web.example.com'");
    }
    return new CertificateSpec(
        name,
        subject,
        YamlNode.opt(f, "dnsNames").map(YamlNode::strings).orElse(List.of()),
        kind(f.get("keyType")),
        size(f.get("keySize")),
        curve(f.get("curve")),
        contentType,
        issuer.equals("chain"),
        YamlNode.opt(f, "validityMonths").map(v -> v.smallInt(1, 1200)).orElse(12),
        YamlNode.opt(f, "exportable").map(YamlNode::bool).orElse(true),
        pkcs12,
        versions(f),
        YamlNode.opt(f, "enabled").map(YamlNode::bool).orElse(true));
  }

  /** {@code pkcs12: legacy|modern}, only for PKCS#12 secrets; legacy (as Key Vault) by default. */
  private static Pkcs12Encryption pkcs12(Map<String, YamlNode> f, String contentType) {
    YamlNode n = f.get("pkcs12");
    if (n == null || n.isNull()) {
      return Pkcs12Encryption.LEGACY;
    }
    if (!contentType.equals(CertificateSpec.PKCS12)) {
      throw n.error(
          "'pkcs12' applies only to contentType " + CertificateSpec.PKCS12 + "; remove it");
    }
    try {
      return Pkcs12Encryption.parse(n.scalar());
    } catch (IllegalArgumentException e) {
      throw n.error(e.getMessage());
    }
  }

  private static String name(YamlNode n, Map<String, YamlNode> f) {
    YamlNode node = YamlNode.required(n, f, "name");
    String name = node.scalar();
    if (!ObjectNames.valid(name)) {
      throw node.error("name '" + name + "' is invalid: 1-127 letters, digits and hyphens");
    }
    return name;
  }

  private static KeyKind kind(YamlNode n) {
    if (n == null || n.isNull()) {
      return KeyKind.RSA;
    }
    try {
      return KeyKind.parse(n.scalar());
    } catch (IllegalArgumentException e) {
      throw n.error(e.getMessage());
    }
  }

  private static int size(YamlNode n) {
    if (n == null || n.isNull()) {
      return 2048;
    }
    long size = n.integer(1024, 4096);
    if (size != 1024 && size != 2048 && size != 3072 && size != 4096) {
      throw n.error("RSA key size must be 2048, 3072 or 4096 (1024 for fast tests)");
    }
    return (int) size;
  }

  private static String curve(YamlNode n) {
    if (n == null || n.isNull()) {
      return "P-256";
    }
    if (!CURVES.contains(n.scalar())) {
      throw n.error("curve must be one of " + CURVES + ", not '" + n.scalar() + "'");
    }
    return n.scalar();
  }

  private static int versions(Map<String, YamlNode> f) {
    return YamlNode.opt(f, "versions").map(v -> v.smallInt(1, 100)).orElse(1);
  }
}
