package io.kvflex.localvault.http;

import io.kvflex.localvault.store.ObjectKind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Key Vault error bodies, with the codes and messages of the real service. */
final class KvErrors {
  private KvErrors() {}

  static Map<String, Object> body(String code, String message, Optional<String> inner) {
    Map<String, Object> err = new LinkedHashMap<>();
    err.put("code", code);
    err.put("message", message);
    inner.ifPresent(i -> err.put("innererror", Map.of("code", i)));
    return Map.of("error", err);
  }

  static Map<String, Object> notFound(ObjectKind kind, String name) {
    return body(
        kind.title() + "NotFound",
        "A "
            + kind.word()
            + " with (name/id) "
            + name
            + " was not found in this key vault. If you recently deleted this "
            + kind.word()
            + " you may be able to recover it using the correct recovery command. For help"
            + " resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182",
        Optional.empty());
  }

  static Map<String, Object> badParameter(String message) {
    return body("BadParameter", message, Optional.empty());
  }

  static Map<String, Object> forbiddenByPolicy(
      String appId,
      String objectId,
      String tenant,
      String permission,
      ObjectKind kind,
      String vault) {
    return body(
        "Forbidden",
        "The user, group or application 'appid="
            + appId
            + ";oid="
            + objectId
            + ";iss=https://sts.windows.net/"
            + tenant
            + "/' does not have "
            + kind.collection()
            + " "
            + permission
            + " permission on key vault '"
            + vault
            + ";location=localvault'. For help resolving this issue, please see"
            + " https://go.microsoft.com/fwlink/?linkid=2125287",
        Optional.of("ForbiddenByPolicy"));
  }
}
