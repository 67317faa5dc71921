package io.kvflex.localvault.seed;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Parses one {@code vaults[]} entry: name, tenant, access policy, objects, faults. */
final class VaultParser {
  private static final Pattern VAULT_NAME = Pattern.compile("[a-z](?!.*--)[a-z0-9-]{1,22}[a-z0-9]");
  private static final Set<String> SECRET_PERMS =
      Set.of("get", "list", "set", "delete", "backup", "restore", "recover", "purge");
  private static final Set<String> KEY_PERMS =
      Set.of(
          "get",
          "list",
          "create",
          "import",
          "update",
          "delete",
          "backup",
          "restore",
          "recover",
          "purge",
          "encrypt",
          "decrypt",
          "sign",
          "verify",
          "wrapKey",
          "unwrapKey",
          "rotate");
  private static final Set<String> CERT_PERMS =
      Set.of(
          "get",
          "list",
          "create",
          "import",
          "update",
          "delete",
          "backup",
          "restore",
          "recover",
          "purge",
          "managecontacts",
          "manageissuers",
          "getissuers",
          "listissuers",
          "setissuers",
          "deleteissuers");

  private final String defaultTenant;
  private final Set<String> tenants;
  private final IdentityRefs refs;
  private final ObjectParser objects = new ObjectParser();

  VaultParser(String defaultTenant, Set<String> tenants, IdentityRefs refs) {
    this.defaultTenant = defaultTenant;
    this.tenants = tenants;
    this.refs = refs;
  }

  /** The keys of a {@code vaults[]} entry (ARM placement keys: {@link ControlPlaneParser}). */
  static final Set<String> FIELDS = fields();

  private static Set<String> fields() {
    Set<String> all =
        new HashSet<>(
            Set.of(
                "name", "tenant", "access", "secrets", "keys", "certificates", "faults", "paging"));
    all.addAll(ControlPlaneParser.VAULT_KEYS);
    return Set.copyOf(all);
  }

  VaultSpec vault(YamlNode n) {
    Map<String, YamlNode> f = n.fields(FIELDS);
    YamlNode nameNode = YamlNode.required(n, f, "name");
    String name = nameNode.scalar().toLowerCase(Locale.ROOT);
    if (!VAULT_NAME.matcher(name).matches()) {
      throw nameNode.error(
          "vault name '"
              + nameNode.scalar()
              + "' is invalid: 3-24 letters, digits and single hyphens, starting with a letter");
    }
    String tenant = YamlNode.opt(f, "tenant").map(YamlNode::scalar).orElse(defaultTenant);
    if (!tenants.contains(tenant)) {
      throw f.get("tenant").error("unknown tenant '" + tenant + "'; declare it under 'tenants'");
    }
    List<AccessSpec> access = new ArrayList<>();
    for (YamlNode a : SeedLoader.list(f, "access")) {
      access.add(access(a));
    }
    Set<String> names = new HashSet<>();
    List<SecretSpec> secrets = new ArrayList<>();
    for (YamlNode s : SeedLoader.list(f, "secrets")) {
      SecretSpec secret = objects.secret(s);
      unique(names, "secret", s, secret.name());
      secrets.add(secret);
    }
    Set<String> keyNames = new HashSet<>();
    List<KeySpec> keys = new ArrayList<>();
    for (YamlNode k : SeedLoader.list(f, "keys")) {
      KeySpec key = objects.key(k);
      unique(keyNames, "key", k, key.name());
      keys.add(key);
    }
    List<CertificateSpec> certs = new ArrayList<>();
    for (YamlNode c : SeedLoader.list(f, "certificates")) {
      CertificateSpec cert = objects.certificate(c);
      // A certificate owns a key and a secret of the same name.
      unique(names, "secret", c, cert.name());
      unique(keyNames, "key", c, cert.name());
      certs.add(cert);
    }
    return new VaultSpec(
        name,
        tenant,
        access,
        secrets,
        keys,
        certs,
        YamlNode.opt(f, "faults").map(FaultParser::parse),
        YamlNode.opt(f, "paging")
            .map(p -> PagingParser.parse(p, name))
            .orElse(PagingSpec.defaultFor(name)));
  }

  private AccessSpec access(YamlNode a) {
    Map<String, YamlNode> f = a.fields(Set.of("identity", "secrets", "keys", "certificates"));
    YamlNode idNode = YamlNode.required(a, f, "identity");
    String objectId =
        refs.principalId(idNode.scalar())
            .orElseThrow(
                () ->
                    idNode.error(
                        "no service principal or managed identity named '"
                            + idNode.scalar()
                            + "' (nor a group)"));
    return new AccessSpec(
        objectId,
        perms(f, "secrets", SECRET_PERMS),
        perms(f, "keys", KEY_PERMS),
        perms(f, "certificates", CERT_PERMS));
  }

  private static Set<String> perms(Map<String, YamlNode> f, String key, Set<String> allowed) {
    if (!f.containsKey(key) || f.get(key).isNull()) {
      return Set.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (String p : f.get(key).strings()) {
      if (p.equalsIgnoreCase("all")) {
        out.addAll(allowed);
      } else if (allowed.contains(p)) {
        out.add(p);
      } else {
        throw f.get(key)
            .error(
                "unknown "
                    + key
                    + " permission '"
                    + p
                    + "'; allowed: all, "
                    + String.join(", ", new java.util.TreeSet<>(allowed)));
      }
    }
    return Set.copyOf(out);
  }

  private static void unique(Set<String> names, String kind, YamlNode n, String name) {
    if (!names.add(name)) {
      throw n.error(
          "a "
              + kind
              + " named '"
              + name
              + "' already exists in this vault (certificates also own a key and a secret of their"
              + " name)");
    }
  }
}
