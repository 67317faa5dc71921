package io.kvflex.localvault.http;

import io.kvflex.localvault.store.CertificateVersion;
import io.kvflex.localvault.store.KeyVersion;
import io.kvflex.localvault.store.ObjectKind;
import io.kvflex.localvault.store.ObjectTable;
import io.kvflex.localvault.store.ObjectTable.Deleted;
import io.kvflex.localvault.store.SecretVersion;
import io.kvflex.localvault.store.VaultState;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Soft delete as on a vault with soft-delete enabled (the default): {@code DELETE /secrets/x},
 * {@code GET /deletedsecrets[/x]}, {@code POST /deletedsecrets/x/recover}, {@code DELETE
 * /deletedsecrets/x} (purge, 204); the same for keys and certificates. A deleted name cannot be
 * reused until it is recovered or purged (409 {@code ObjectIsDeletedButRecoverable}). Deleting a
 * certificate deletes its key and secret.
 */
final class SoftDelete {
  private static final int RETENTION_DAYS = 90;
  private final LongSupplier now;

  SoftDelete(LongSupplier now) {
    this.now = now;
  }

  /** 409 if {@code name} is soft-deleted in the table of {@code kind}. */
  static void requireNotDeleted(VaultState v, ObjectKind kind, String name) throws KvException {
    if (table(v, kind).isDeleted(name)) {
      throw new KvException(
          409,
          KvErrors.body(
              "Conflict",
              kind.title()
                  + " "
                  + name
                  + " is currently in a deleted but recoverable state, and its name cannot be"
                  + " reused; in this state, the "
                  + kind.word()
                  + " can only be recovered or purged.",
              Optional.of("ObjectIsDeletedButRecoverable")));
    }
  }

  /** {@code DELETE /{kind}/{name}}. */
  void delete(VaultRequest r, ObjectKind kind, String name) throws KvException, IOException {
    r.authorize(kind.collection() + ".delete", kind, "delete", name);
    VaultState v = r.vault;
    if (kind != ObjectKind.CERTIFICATE && v.certificates().find(name).isPresent()) {
      throw new KvException(
          403,
          KvErrors.body(
              "Forbidden",
              "The "
                  + kind.word()
                  + " "
                  + name
                  + " is managed by a certificate; delete the certificate.",
              Optional.empty()));
    }
    Deleted<?> d =
        table(v, kind)
            .delete(name, now.getAsLong(), RETENTION_DAYS)
            .orElseThrow(() -> new KvException(404, KvErrors.notFound(kind, name)));
    if (kind == ObjectKind.CERTIFICATE) {
      v.keys().delete(name, now.getAsLong(), RETENTION_DAYS);
      v.secrets().delete(name, now.getAsLong(), RETENTION_DAYS);
    }
    r.ex.sendJson(200, deletedBundle(r, kind, name, d));
  }

  /** {@code /deleted{kind}[/{name}[/recover]]}; {@code seg} starts after the collection. */
  void deletedRoutes(VaultRequest r, ObjectKind kind, List<String> seg)
      throws KvException, IOException {
    String m = r.ex.method();
    String op = "deleted" + kind.collection();
    ObjectTable<?> table = table(r.vault, kind);
    if (seg.isEmpty() && m.equals("GET")) {
      r.authorize(op + ".list", kind, "list", "");
      List<? extends Deleted<?>> all = table.allDeleted();
      r.ex.sendJson(200, Paging.page(r, all, d -> deletedItem(r, kind, nameOf(kind, d), d)));
      return;
    }
    if (seg.isEmpty() || seg.size() > 2) {
      throw VaultRoutes.notFoundPath();
    }
    String name = seg.get(0);
    String rest = seg.size() > 1 ? seg.get(1) : "";
    switch (m + " " + rest) {
      case "GET " -> {
        r.authorize(op + ".get", kind, "list", name);
        r.ex.sendJson(200, deletedBundle(r, kind, name, deleted(table, kind, name)));
      }
      case "DELETE " -> {
        r.authorize(op + ".purge", kind, "purge", name);
        deleted(table, kind, name);
        table.purge(name);
        if (kind == ObjectKind.CERTIFICATE) {
          r.vault.keys().purge(name);
          r.vault.secrets().purge(name);
        }
        r.ex.send(204, new byte[0]);
      }
      case "POST recover" -> {
        r.authorize(op + ".recover", kind, "recover", name);
        deleted(table, kind, name);
        table.recover(name);
        if (kind == ObjectKind.CERTIFICATE) {
          r.vault.keys().recover(name);
          r.vault.secrets().recover(name);
        }
        r.ex.sendJson(200, liveBundle(r, kind, name));
      }
      default -> throw VaultRoutes.methodNotAllowed(m);
    }
  }

  private static Deleted<?> deleted(ObjectTable<?> table, ObjectKind kind, String name)
      throws KvException {
    return table
        .findDeleted(name)
        .orElseThrow(
            () ->
                new KvException(
                    404,
                    KvErrors.body(
                        kind.title() + "NotFound",
                        "Deleted " + kind.title() + " not found: " + name,
                        Optional.empty())));
  }

  private static ObjectTable<?> table(VaultState v, ObjectKind kind) {
    return switch (kind) {
      case SECRET -> v.secrets();
      case KEY -> v.keys();
      case CERTIFICATE -> v.certificates();
    };
  }

  private static String nameOf(ObjectKind kind, Deleted<?> d) {
    Object latest = d.history().latest();
    return switch (kind) {
      case SECRET -> ((SecretVersion) latest).name();
      case KEY -> ((KeyVersion) latest).name();
      case CERTIFICATE -> ((CertificateVersion) latest).name();
    };
  }

  private static Map<String, Object> liveBundle(VaultRequest r, ObjectKind kind, String name)
      throws KvException {
    return switch (kind) {
      case SECRET -> Bundles.secretBundle(r, SecretsApi.find(r, name, ""), false);
      case KEY -> Bundles.keyBundle(r, r.vault.keys().find(name).orElseThrow().latest());
      case CERTIFICATE -> Bundles.certificateBundle(r, CertificatesApi.find(r, name, ""));
    };
  }

  private static Map<String, Object> deletedBundle(
      VaultRequest r, ObjectKind kind, String name, Deleted<?> d) {
    Object latest = d.history().latest();
    Map<String, Object> m =
        new LinkedHashMap<>(
            switch (kind) {
              case SECRET -> Bundles.secretBundle(r, (SecretVersion) latest, false);
              case KEY -> Bundles.keyBundle(r, (KeyVersion) latest);
              case CERTIFICATE -> Bundles.certificateBundle(r, (CertificateVersion) latest);
            });
    return withDeletion(r, kind, name, d, m);
  }

  private static Map<String, Object> deletedItem(
      VaultRequest r, ObjectKind kind, String name, Deleted<?> d) {
    Object latest = d.history().latest();
    Map<String, Object> m =
        new LinkedHashMap<>(
            switch (kind) {
              case SECRET -> Bundles.secretItem(r, (SecretVersion) latest, false);
              case KEY -> Bundles.keyItem(r, (KeyVersion) latest, false);
              case CERTIFICATE -> Bundles.certificateItem(r, (CertificateVersion) latest, false);
            });
    return withDeletion(r, kind, name, d, m);
  }

  private static Map<String, Object> withDeletion(
      VaultRequest r, ObjectKind kind, String name, Deleted<?> d, Map<String, Object> m) {
    m.put("recoveryId", r.baseUrl + "/deleted" + kind.collection() + "/" + name);
    m.put("deletedDate", d.deletedDate());
    m.put("scheduledPurgeDate", d.scheduledPurgeDate());
    return m;
  }
}
