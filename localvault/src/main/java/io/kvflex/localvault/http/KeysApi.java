package io.kvflex.localvault.http;

import io.kvflex.localvault.seed.KeyKind;
import io.kvflex.localvault.store.KeyVersion;
import io.kvflex.localvault.store.ObjectFactory;
import io.kvflex.localvault.store.ObjectKind;
import io.kvflex.localvault.store.VersionHistory;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /keys}: get, list, versions, create (POST .../create), update (PATCH). A disabled key is
 * still readable (its material is public); localvault performs no cryptographic operations.
 */
final class KeysApi {
  private static final ObjectKind KIND = ObjectKind.KEY;
  private static final Set<String> CURVES = Set.of("P-256", "P-384", "P-521");
  private final ObjectFactory factory;
  private final SoftDelete softDelete;

  KeysApi(ObjectFactory factory, SoftDelete softDelete) {
    this.factory = factory;
    this.softDelete = softDelete;
  }

  void handle(VaultRequest r, List<String> seg) throws KvException, IOException {
    String m = r.ex.method();
    if (seg.isEmpty()) {
      if (!m.equals("GET")) {
        throw VaultRoutes.methodNotAllowed(m);
      }
      r.authorize("keys.list", KIND, "list", "");
      r.ex.sendJson(
          200, Paging.page(r, r.vault.keys().latestOfEach(), k -> Bundles.keyItem(r, k, false)));
      return;
    }
    String name = seg.get(0);
    String rest = seg.size() > 1 ? seg.get(1) : "";
    if (seg.size() > 2) {
      throw VaultRoutes.notFoundPath();
    }
    if (rest.equals("versions") && m.equals("GET")) {
      r.authorize("keys.versions", KIND, "list", name);
      List<KeyVersion> all = r.vault.keys().find(name).map(VersionHistory::all).orElse(List.of());
      r.ex.sendJson(200, Paging.page(r, all, k -> Bundles.keyItem(r, k, true)));
      return;
    }
    if (rest.equals("create") && m.equals("POST")) {
      create(r, name);
      return;
    }
    switch (m) {
      case "GET" -> {
        r.authorize("keys.get", KIND, "get", name);
        r.ex.sendJson(200, Bundles.keyBundle(r, find(r, name, rest)));
      }
      case "PATCH" -> update(r, name, rest);
      case "DELETE" -> {
        if (seg.size() != 1) {
          throw VaultRoutes.methodNotAllowed(m);
        }
        softDelete.delete(r, KIND, name);
      }
      default -> throw VaultRoutes.methodNotAllowed(m);
    }
  }

  private static KeyVersion find(VaultRequest r, String name, String version) throws KvException {
    return r.vault
        .keys()
        .find(name, version)
        .orElseThrow(() -> new KvException(404, KvErrors.notFound(KIND, name)));
  }

  private void create(VaultRequest r, String name) throws KvException, IOException {
    r.authorize("keys.create", KIND, "create", name);
    Map<String, Object> body = r.json();
    String kty =
        Bodies.string(body, "kty")
            .orElseThrow(() -> KvException.badParameter("Property 'kty' is required."));
    KeyKind kind;
    try {
      kind = KeyKind.parse(kty);
    } catch (IllegalArgumentException e) {
      throw KvException.badParameter("The key type (kty) '" + kty + "' is not supported here.");
    }
    int size = (int) (long) Bodies.number(body, "key_size").orElse(2048L);
    if (kind.isRsa() && size != 2048 && size != 3072 && size != 4096) {
      throw KvException.badParameter("Invalid key size " + size + "; use 2048, 3072 or 4096.");
    }
    String crv = Bodies.string(body, "crv").orElse("P-256");
    if (!kind.isRsa() && !CURVES.contains(crv)) {
      throw KvException.badParameter("The curve '" + crv + "' is not supported.");
    }
    SoftDelete.requireNotDeleted(r.vault, KIND, name);
    if (r.vault.certificates().find(name).isPresent()) {
      throw new KvException(
          409,
          KvErrors.body(
              "Conflict",
              "Key " + name + " is managed by a certificate and cannot be created directly.",
              Optional.empty()));
    }
    List<String> ops =
        Bodies.strings(body, "key_ops")
            .orElse(
                kind.isRsa()
                    ? List.of("encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey")
                    : List.of("sign", "verify"));
    KeyVersion k =
        factory.key(
            name,
            kind,
            size,
            crv,
            ops,
            Bodies.tags(body).orElse(Map.of()),
            Bodies.enabled(body).orElse(true));
    r.vault.keys().add(k);
    r.ex.sendJson(200, Bundles.keyBundle(r, k));
  }

  private void update(VaultRequest r, String name, String version) throws KvException, IOException {
    r.authorize("keys.update", KIND, "update", name);
    Map<String, Object> body = r.json();
    KeyVersion current = find(r, name, version);
    Optional<Boolean> enabled = Bodies.enabled(body);
    Optional<Map<String, String>> tags = Bodies.tags(body);
    long now = factory.nowSeconds();
    KeyVersion updated =
        r.vault
            .keys()
            .find(name)
            .flatMap(
                h ->
                    h.update(
                        current.version(),
                        k -> {
                          KeyVersion x = k;
                          if (enabled.isPresent()) {
                            x = x.withAttributes(x.attributes().withEnabled(enabled.get(), now));
                          }
                          return tags.isPresent() ? x.withTags(tags.get()) : x;
                        }))
            .orElseThrow();
    r.ex.sendJson(200, Bundles.keyBundle(r, updated));
  }
}
