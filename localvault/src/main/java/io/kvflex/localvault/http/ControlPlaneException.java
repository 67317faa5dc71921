package io.kvflex.localvault.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An ARM or Graph error answer: status, body in the service's own shape, optional {@code
 * WWW-Authenticate}.
 */
final class ControlPlaneException extends Exception {
  private static final long serialVersionUID = 1L;

  final int status;
  final transient Map<String, Object> body;
  final String wwwAuthenticate;

  private ControlPlaneException(int status, Map<String, Object> body, String wwwAuthenticate) {
    super(status + " " + body, null, false, false);
    this.status = status;
    this.body = body;
    this.wwwAuthenticate = wwwAuthenticate;
  }

  /** ARM's {@code {"error": {"code", "message"}}}. */
  static ControlPlaneException arm(int status, String code, String message) {
    return new ControlPlaneException(status, error(code, message, null), null);
  }

  /** A 401 from ARM with the challenge it sends. */
  static ControlPlaneException armUnauthorized(String code, String message, String loginBase) {
    return new ControlPlaneException(
        401,
        error(code, message, null),
        "Bearer authorization_uri=\""
            + loginBase
            + "\", error=\"invalid_token\", error_description=\""
            + message.replace("\"", "'")
            + "\"");
  }

  /** Graph's {@code {"error": {"code", "message", "innerError": {...}}}}. */
  static ControlPlaneException graph(int status, String code, String message, String requestId) {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put(
        "date",
        java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    inner.put("request-id", requestId);
    inner.put("client-request-id", requestId);
    return new ControlPlaneException(status, error(code, message, inner), null);
  }

  private static Map<String, Object> error(String code, String message, Map<String, Object> inner) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("code", code);
    e.put("message", message);
    if (inner != null) {
      e.put("innerError", inner);
    }
    return Map.of("error", e);
  }

  void send(Exchange ex) throws java.io.IOException {
    if (wwwAuthenticate != null) {
      ex.setResponseHeader("WWW-Authenticate", wwwAuthenticate);
    }
    ex.sendJson(status, body);
  }
}
