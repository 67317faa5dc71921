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

  VaultRequest(Exchange ex, VaultState vault, Identity caller, String baseUrl, String apiVersion) {
    this.ex = ex;
    this.vault = vault;
    this.caller = caller;
    this.baseUrl = baseUrl;
    this.apiVersion = apiVersion;
  }

  /** Records the operation, then checks the caller's access-policy permission. */
  void authorize(String operation, ObjectKind kind, String permission, String object)
      throws KvException {
    ex.describe(operation, vault.name(), object);
    if (!vault.allows(caller.objectId(), kind, permission)) {
      throw new KvException(
          403,
          KvErrors.forbiddenByPolicy(
              caller.clientId(),
              caller.objectId(),
              caller.tenant(),
              permission,
              kind,
              vault.name()));
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
