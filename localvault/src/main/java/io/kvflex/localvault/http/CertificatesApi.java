package io.kvflex.localvault.http;

import io.kvflex.localvault.seed.CertificateSpec;
import io.kvflex.localvault.seed.KeyKind;
import io.kvflex.localvault.seed.Pkcs12Encryption;
import io.kvflex.localvault.store.CertificatePolicy;
import io.kvflex.localvault.store.CertificateVersion;
import io.kvflex.localvault.store.ObjectFactory;
import io.kvflex.localvault.store.ObjectKind;
import io.kvflex.localvault.store.VersionHistory;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /certificates}: get, list, versions, policy, pending, create (completes at once), import,
 * update (PATCH; enabling/disabling also applies to the key and secret of that version).
 */
final class CertificatesApi {
  private static final ObjectKind KIND = ObjectKind.CERTIFICATE;
  private final ObjectFactory factory;
  private final CertificateImport importer;
  private final SoftDelete softDelete;

  CertificatesApi(ObjectFactory factory, SoftDelete softDelete) {
    this.factory = factory;
    this.softDelete = softDelete;
    this.importer = new CertificateImport(factory);
  }

  void handle(VaultRequest r, List<String> seg) throws KvException, IOException {
    String m = r.ex.method();
    if (seg.isEmpty()) {
      if (!m.equals("GET")) {
        throw VaultRoutes.methodNotAllowed(m);
      }
      r.authorize("certificates.list", KIND, "list", "");
      r.ex.sendJson(
          200,
          Paging.page(
              r, r.vault.certificates().latestOfEach(), c -> Bundles.certificateItem(r, c, false)));
      return;
    }
    String name = seg.get(0);
    String rest = seg.size() > 1 ? seg.get(1) : "";
    if (seg.size() > 2) {
      throw VaultRoutes.notFoundPath();
    }
    switch (m + " " + rest) {
      case "GET versions" -> {
        r.authorize("certificates.versions", KIND, "list", name);
        List<CertificateVersion> all =
            r.vault.certificates().find(name).map(VersionHistory::all).orElse(List.of());
        r.ex.sendJson(200, Paging.page(r, all, c -> Bundles.certificateItem(r, c, true)));
      }
      case "GET policy" -> {
        r.authorize("certificates.policy", KIND, "get", name);
        CertificateVersion c = find(r, name, "");
        r.ex.sendJson(200, Bundles.policy(r, name, c.policy(), c.attributes()));
      }
      case "GET pending" -> {
        r.authorize("certificates.pending", KIND, "get", name);
        CertificateVersion c = find(r, name, "");
        r.ex.sendJson(200, Bundles.completedOperation(r, c));
      }
      case "POST create" -> create(r, name);
      case "POST import" -> {
        r.authorize("certificates.import", KIND, "import", name);
        requireFree(r, name);
        r.ex.sendJson(200, Bundles.certificateBundle(r, importer.run(r, name, r.json())));
      }
      default -> {
        if (m.equals("GET")) {
          r.authorize("certificates.get", KIND, "get", name);
          CertificateVersion c = find(r, name, rest);
          r.ex.sendJson(
              200,
              rest.isEmpty()
                  ? Bundles.certificateBundle(r, c)
                  : Bundles.certificateVersionBundle(r, c));
        } else if (m.equals("PATCH")) {
          update(r, name, rest);
        } else if (m.equals("DELETE") && seg.size() == 1) {
          softDelete.delete(r, KIND, name);
        } else {
          throw VaultRoutes.methodNotAllowed(m);
        }
      }
    }
  }

  static CertificateVersion find(VaultRequest r, String name, String version) throws KvException {
    return r.vault
        .certificates()
        .find(name, version)
        .orElseThrow(() -> new KvException(404, KvErrors.notFound(KIND, name)));
  }

  private void create(VaultRequest r, String name) throws KvException, IOException {
    r.authorize("certificates.create", KIND, "create", name);
    requireFree(r, name);
    Map<String, Object> body = r.json();
    CertificatePolicy policy = policy(Bodies.object(body, "policy"), name);
    CertificateVersion c =
        factory.createCertificate(
            r.vault,
            name,
            policy,
            Bodies.tags(body).orElse(Map.of()),
            Bodies.enabled(body).orElse(true));
    r.ex.sendJson(202, Bundles.completedOperation(r, c));
  }

  /** A certificate also takes the key and secret names; none of the three may be soft-deleted. */
  private static void requireFree(VaultRequest r, String name) throws KvException {
    SoftDelete.requireNotDeleted(r.vault, KIND, name);
    SoftDelete.requireNotDeleted(r.vault, ObjectKind.KEY, name);
    SoftDelete.requireNotDeleted(r.vault, ObjectKind.SECRET, name);
    boolean plainSecret =
        r.vault.secrets().find(name).map(h -> !h.latest().managed()).orElse(false);
    boolean plainKey = r.vault.keys().find(name).map(h -> !h.latest().managed()).orElse(false);
    if (plainSecret || plainKey) {
      throw new KvException(
          409,
          KvErrors.body(
              "Conflict",
              "A "
                  + (plainSecret ? "secret" : "key")
                  + " named "
                  + name
                  + " already exists and is not managed by a certificate.",
              Optional.empty()));
    }
  }

  /** A policy from a request body; missing parts take Key Vault's defaults. */
  static CertificatePolicy policy(Map<String, Object> p, String name) throws KvException {
    Map<String, Object> keyProps = Bodies.object(p, "key_props");
    Map<String, Object> x509 = Bodies.object(p, "x509_props");
    String kty = Bodies.string(keyProps, "kty").orElse("RSA");
    KeyKind kind;
    try {
      kind = KeyKind.parse(kty);
    } catch (IllegalArgumentException e) {
      throw KvException.badParameter("The key type '" + kty + "' is not supported.");
    }
    boolean ec = !kind.isRsa();
    String contentType =
        Bodies.string(Bodies.object(p, "secret_props"), "contentType")
            .orElse(CertificateSpec.PKCS12);
    if (!contentType.equals(CertificateSpec.PKCS12) && !contentType.equals(CertificateSpec.PEM)) {
      throw KvException.badParameter(
          "The secret content type '" + contentType + "' is not supported.");
    }
    Object exportable = keyProps.get("exportable");
    List<String> dns = Bodies.strings(Bodies.object(x509, "sans"), "dns_names").orElse(List.of());
    String issuer = Bodies.string(Bodies.object(p, "issuer"), "name").orElse("Self");
    return new CertificatePolicy(
        Bodies.string(x509, "subject").orElse("CN=" + name),
        dns,
        kind.kty(),
        ec ? null : (int) (long) Bodies.number(keyProps, "key_size").orElse(2048L),
        ec ? Bodies.string(keyProps, "crv").orElse("P-256") : null,
        !Boolean.FALSE.equals(exportable),
        contentType,
        (int) (long) Bodies.number(x509, "validity_months").orElse(12L),
        issuer.equalsIgnoreCase("Self") ? "Self" : "Unknown",
        Pkcs12Encryption.LEGACY);
  }

  private void update(VaultRequest r, String name, String version) throws KvException, IOException {
    r.authorize("certificates.update", KIND, "update", name);
    Map<String, Object> body = r.json();
    CertificateVersion current = find(r, name, version);
    Optional<Boolean> enabled = Bodies.enabled(body);
    Optional<Map<String, String>> tags = Bodies.tags(body);
    long now = factory.nowSeconds();
    String v = current.version();
    CertificateVersion updated =
        r.vault
            .certificates()
            .find(name)
            .flatMap(
                h ->
                    h.update(
                        v,
                        c -> {
                          CertificateVersion x = c;
                          if (enabled.isPresent()) {
                            x = x.withAttributes(x.attributes().withEnabled(enabled.get(), now));
                          }
                          return tags.isPresent() ? x.withTags(tags.get()) : x;
                        }))
            .orElseThrow();
    if (enabled.isPresent()) {
      boolean e = enabled.get();
      r.vault
          .keys()
          .find(name)
          .ifPresent(h -> h.update(v, k -> k.withAttributes(k.attributes().withEnabled(e, now))));
      r.vault
          .secrets()
          .find(name)
          .ifPresent(h -> h.update(v, s -> s.withAttributes(s.attributes().withEnabled(e, now))));
    }
    r.ex.sendJson(200, Bundles.certificateBundle(r, updated));
  }
}
