package io.kvflex.localvault.http;

import io.kvflex.localvault.seed.SecretText;
import io.kvflex.localvault.store.ObjectFactory;
import io.kvflex.localvault.store.ObjectKind;
import io.kvflex.localvault.store.SecretVersion;
import io.kvflex.localvault.store.VersionHistory;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /secrets}: get, list, versions, set (PUT), update (PATCH). */
final class SecretsApi {
  private static final ObjectKind KIND = ObjectKind.SECRET;
  private final ObjectFactory factory;
  private final SoftDelete softDelete;

  SecretsApi(ObjectFactory factory, SoftDelete softDelete) {
    this.factory = factory;
    this.softDelete = softDelete;
  }

  /** {@code seg} starts after "secrets". */
  void handle(VaultRequest r, List<String> seg) throws KvException, IOException {
    String m = r.ex.method();
    if (seg.isEmpty() && m.equals("GET")) {
      r.authorize("secrets.list", KIND, "list", "");
      r.ex.sendJson(
          200,
          Paging.page(r, r.vault.secrets().latestOfEach(), s -> Bundles.secretItem(r, s, false)));
      return;
    }
    if (seg.isEmpty()) {
      throw VaultRoutes.methodNotAllowed(m);
    }
    String name = seg.get(0);
    String rest = seg.size() > 1 ? seg.get(1) : "";
    if (seg.size() > 2) {
      throw VaultRoutes.notFoundPath();
    }
    if (rest.equals("versions") && m.equals("GET")) {
      r.authorize("secrets.versions", KIND, "list", name);
      List<SecretVersion> all =
          r.vault.secrets().find(name).map(VersionHistory::all).orElse(List.of());
      r.ex.sendJson(200, Paging.page(r, all, s -> Bundles.secretItem(r, s, true)));
      return;
    }
    switch (m) {
      case "GET" -> get(r, name, rest);
      case "PUT" -> {
        if (seg.size() != 1) {
          throw VaultRoutes.methodNotAllowed(m);
        }
        set(r, name);
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

  private void get(VaultRequest r, String name, String version) throws KvException, IOException {
    r.authorize("secrets.get", KIND, "get", name);
    SecretVersion s = find(r, name, version);
    if (!s.attributes().enabled()) {
      throw new KvException(
          403,
          KvErrors.body(
              "Forbidden",
              "Operation get is not allowed on a disabled secret.",
              Optional.of("SecretDisabled")));
    }
    r.ex.sendJson(200, Bundles.secretBundle(r, s, true));
  }

  static SecretVersion find(VaultRequest r, String name, String version) throws KvException {
    return r.vault
        .secrets()
        .find(name, version)
        .orElseThrow(() -> new KvException(404, KvErrors.notFound(KIND, name)));
  }

  private void set(VaultRequest r, String name) throws KvException, IOException {
    r.authorize("secrets.set", KIND, "set", name);
    Map<String, Object> body = r.json();
    String value =
        Bodies.string(body, "value")
            .orElseThrow(() -> KvException.badParameter("Property 'value' is required."));
    if (value.length() > 25 * 1024) {
      throw KvException.badParameter("Secret value exceeds the maximum size of 25 KB.");
    }
    SoftDelete.requireNotDeleted(r.vault, KIND, name);
    if (r.vault.certificates().find(name).isPresent()) {
      throw new KvException(
          409,
          KvErrors.body(
              "Conflict",
              "Secret " + name + " is managed by a certificate and cannot be set directly.",
              Optional.empty()));
    }
    SecretVersion s =
        factory.secret(
            name,
            new SecretText(value),
            Bodies.string(body, "contentType").orElse(null),
            Bodies.tags(body).orElse(Map.of()),
            Bodies.enabled(body).orElse(true));
    r.vault.secrets().add(s);
    r.ex.sendJson(200, Bundles.secretBundle(r, s, true));
  }

  private void update(VaultRequest r, String name, String version) throws KvException, IOException {
    r.authorize("secrets.update", KIND, "set", name);
    Map<String, Object> body = r.json();
    SecretVersion current = find(r, name, version);
    Optional<Boolean> enabled = Bodies.enabled(body);
    Optional<Map<String, String>> tags = Bodies.tags(body);
    Optional<String> ct = Bodies.string(body, "contentType");
    long now = factory.nowSeconds();
    SecretVersion updated =
        r.vault
            .secrets()
            .find(name)
            .flatMap(
                h ->
                    h.update(
                        current.version(),
                        s -> {
                          SecretVersion x = s;
                          if (enabled.isPresent()) {
                            x = x.withAttributes(x.attributes().withEnabled(enabled.get(), now));
                          }
                          if (tags.isPresent()) {
                            x = x.withTags(tags.get());
                          }
                          if (ct.isPresent()) {
                            x = x.withContentType(ct.get());
                          }
                          return x;
                        }))
            .orElseThrow();
    r.ex.sendJson(200, Bundles.secretBundle(r, updated, false));
  }
}
