package io.kvflex.localvault.http;

import com.sun.net.httpserver.HttpExchange;
import io.kvflex.localvault.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One request/response, with what the request log and the counters need (operation, vault, object,
 * identity, status). Never holds secret values beyond the body bytes.
 */
public final class Exchange {
  /** Bodies larger than this are refused (413); Key Vault's own limit is 25 KB per secret. */
  static final int MAX_BODY = 1 << 20;

  private final HttpExchange http;
  private final List<String> segments;
  private final Map<String, String> query;
  private final String requestId = UUID.randomUUID().toString();
  private byte[] body;
  private int status;
  private String operation = "unknown";
  private String vault = "";
  private String object = "";
  private String identity = "-";
  private boolean aborted;
  private Runnable beforeAnswer = () -> {};
  private boolean answered;
  private BodyFault bodyFault;

  Exchange(HttpExchange http) {
    this.http = http;
    this.segments = splitPath(rawPath(http.getRequestURI()));
    this.query = parseQuery(http.getRequestURI().getRawQuery());
  }

  /**
   * The raw path as sent. A request line like {@code GET //metadata/...} (MSAL4J builds those)
   * parses as a URI with authority "metadata", so the path is taken from the raw text.
   */
  static String rawPath(java.net.URI uri) {
    String text = uri.toString();
    if (uri.getScheme() != null) {
      return uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    }
    int q = text.indexOf('?');
    return q < 0 ? text : text.substring(0, q);
  }

  /** Path segments after the leading slash(es), URL-decoded; a trailing slash gives "" last. */
  static List<String> splitPath(String rawPath) {
    String p = rawPath;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    if (p.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String s : p.split("/", -1)) {
      out.add(decode(s.replace("+", "%2B")));
    }
    return out;
  }

  static Map<String, String> parseQuery(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      q.putIfAbsent(decode(k).toLowerCase(Locale.ROOT), decode(v));
    }
    return q;
  }

  /** Percent-decoding that never throws: a malformed escape is kept as sent (and then 404s). */
  static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  public String method() {
    return http.getRequestMethod().toUpperCase(Locale.ROOT);
  }

  public List<String> segments() {
    return segments;
  }

  public String rawPath() {
    return rawPath(http.getRequestURI());
  }

  /** Query parameter by case-insensitive name. */
  public Optional<String> query(String name) {
    return Optional.ofNullable(query.get(name.toLowerCase(Locale.ROOT)));
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(http.getRequestHeaders().getFirst(name));
  }

  /** The Host header without port, lower case. */
  public String host() {
    String h = header("Host").orElse("").toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      return h.substring(0, h.indexOf(']') + 1);
    }
    int colon = h.indexOf(':');
    return colon < 0 ? h : h.substring(0, colon);
  }

  public String remoteAddress() {
    return http.getRemoteAddress().getAddress().getHostAddress();
  }

  public String requestId() {
    return requestId;
  }

  /** The request body (read once, at most {@link #MAX_BODY} bytes). */
  public byte[] body() throws IOException, BodyTooLargeException {
    if (body == null) {
      try (InputStream in = http.getRequestBody()) {
        byte[] b = in.readNBytes(MAX_BODY + 1);
        if (b.length > MAX_BODY) {
          throw new BodyTooLargeException();
        }
        body = b;
      }
    }
    return body;
  }

  /** The body as a JSON object; malformed JSON is an IllegalArgumentException. */
  public Map<String, Object> jsonBody() throws IOException, BodyTooLargeException {
    byte[] b = body();
    if (b.length == 0) {
      throw new IllegalArgumentException("the request body is empty");
    }
    return Json.parseObject(b);
  }

  public void setResponseHeader(String name, String value) {
    http.getResponseHeaders().set(name, value);
  }

  public void sendJson(int code, Object value) throws IOException {
    setResponseHeader("Content-Type", "application/json; charset=utf-8");
    send(code, Json.write(value));
  }

  public void sendText(int code, String text) throws IOException {
    setResponseHeader("Content-Type", "text/plain; charset=utf-8");
    send(code, text.getBytes(StandardCharsets.UTF_8));
  }

  public void send(int code, byte[] bytes) throws IOException {
    status = code;
    markAnswered();
    if (bytes.length == 0) {
      http.sendResponseHeaders(code, -1);
    } else if (bodyFault != null) {
      bodyFault.send(http, code, bytes);
    } else {
      http.sendResponseHeaders(code, bytes.length);
      try (OutputStream out = http.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** The answer's body will go wrong this way (fault injection). */
  void bodyFault(BodyFault fault) {
    this.bodyFault = fault;
  }

  /** Drops the connection without an answer (fault injection: connection reset). */
  public void abort() {
    aborted = true;
    markAnswered();
    http.close();
  }

  /**
   * Runs {@code hook} once, just before the answer leaves (or the connection is dropped): request
   * counters are updated before the client can see the response, so a client that reads counts
   * right after its call sees its own request.
   */
  void beforeAnswer(Runnable hook) {
    this.beforeAnswer = hook;
  }

  /** Runs the hook if no answer ran it yet (e.g. the request failed before answering). */
  void markAnswered() {
    if (!answered) {
      answered = true;
      beforeAnswer.run();
    }
  }

  void close() {
    http.close();
  }

  public int status() {
    return status;
  }

  public boolean aborted() {
    return aborted;
  }

  public String operation() {
    return operation;
  }

  public String vault() {
    return vault;
  }

  public String object() {
    return object;
  }

  public String identity() {
    return identity;
  }

  public void describe(String op, String vaultName, String objectName) {
    this.operation = op;
    this.vault = vaultName;
    this.object = objectName;
  }

  public void identity(String name) {
    this.identity = name;
  }

  @Override
  public String toString() {
    return method() + " " + rawPath() + " -> " + status + " " + Arrays.asList(operation, identity);
  }
}
