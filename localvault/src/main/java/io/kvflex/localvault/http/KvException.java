package io.kvflex.localvault.http;

import java.util.Map;

/** Ends a vault request with an error status and a Key Vault error body. */
final class KvException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final transient Map<String, Object> body;

  KvException(int status, Map<String, Object> body) {
    super("HTTP " + status, null, false, false);
    this.status = status;
    this.body = body;
  }

  int status() {
    return status;
  }

  Map<String, Object> body() {
    return body;
  }

  static KvException badParameter(String message) {
    return new KvException(400, KvErrors.badParameter(message));
  }
}
