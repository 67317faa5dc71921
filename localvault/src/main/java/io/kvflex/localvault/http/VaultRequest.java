package io.kvflex.localvault.http;

import io.kvflex.localvault.auth.Identity;
import io.kvflex.localvault.store.ObjectKind;
import io.kvflex.localvault.store.VaultState;
import java.io.IOException;
import java.util.Map;

/** An authenticated request to one vault. */
final class VaultRequest {
  final Exchange ex;
  final VaultState vault;
  final Identity caller;

  /** {@code https://host:port}, the base of every id in responses. */
  final String baseUrl;

  final String apiVersion;
  private final DataPlaneAccess access;

  VaultRequest(
      Exchange ex,
      VaultState vault,
      Identity caller,
      String baseUrl,
      String apiVersion,
      DataPlaneAccess access) {
    this.ex = ex;
    this.vault = vault;
    this.caller = caller;
    this.baseUrl = baseUrl;
    this.apiVersion = apiVersion;
    this.access = access;
  }

  /**
   * Records the operation, then checks the caller's permission: its access policy (or a group's) on
   * an access-policy vault, Azure RBAC on an RBAC vault ({@link DataPlaneAccess}).
   */
  void authorize(String operation, ObjectKind kind, String permission, String object)
      throws KvException {
    ex.describe(operation, vault.name(), object);
    var refusal = access.refusal(vault, caller, kind, permission, object);
    if (refusal.isPresent()) {
      throw new KvException(403, refusal.get());
    }
  }

  /** The request body as JSON; malformed bodies are 400 BadParameter. */
  Map<String, Object> json() throws KvException, IOException {
    try {
      return ex.jsonBody();
    } catch (IllegalArgumentException e) {
      throw KvException.badParameter("The request body is not valid JSON: " + e.getMessage());
    } catch (BodyTooLargeException e) {
      throw new KvException(
          413,
          KvErrors.body(
              "RequestTooLarge", "The request body is too large.", java.util.Optional.empty()));
    }
  }

  String id(ObjectKind kind, String name, String version) {
    return baseUrl + "/" + kind.collection() + "/" + name + (version == null ? "" : "/" + version);
  }
}
