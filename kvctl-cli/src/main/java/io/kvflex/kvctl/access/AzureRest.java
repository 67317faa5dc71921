package io.kvflex.kvctl.access;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import io.kvflex.errors.RemoteException;
import io.kvflex.kvctl.net.FailureHints;
import io.kvflex.kvctl.net.RunDeadline;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GET/POST against one REST endpoint (ARM or Graph) through an azure-core pipeline that adds the
 * caller's bearer token. Handles throttling (429/503 with {@code Retry-After}, bounded) and paging
 * ({@code nextLink} / {@code @odata.nextLink}, only on the same endpoint so the token never leaves
 * it). Every call (the caller's token included) and every pause ends by the run's deadline.
 */
final class AzureRest {

  /** A response with its JSON body and, on failure, the ARM/Graph error code and message. */
  record Response(int status, Map<String, Object> body, String errorCode, String errorMessage) {
    boolean ok() {
      return status / 100 == 2;
    }

    /** e.g. {@code 403 AuthorizationFailed: The client ... does not have authorization ...}. */
    String describe() {
      return status
          + (errorCode.isEmpty() ? "" : " " + errorCode)
          + (errorMessage.isEmpty() ? "" : ": " + errorMessage);
    }
  }

  /** All items of a paged list, or the failing page's response. */
  record Paged(List<Map<String, Object>> items, Optional<Response> failure) {}

  static final int MAX_ATTEMPTS = 4;
  static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);
  private static final int MAX_PAGES = 200;

  /**
   * Who calls and how, for messages when a call fails.
   *
   * @param caller who the caller is ({@link CallerCredentials.Caller#description()})
   * @param tokenHost where the caller's tokens come from
   * @param proxied whether calls to this endpoint go through HTTPS_PROXY
   * @param hints the likely causes of network failures, in kvctl's words
   */
  record CallInfo(String caller, String tokenHost, boolean proxied, FailureHints hints) {}

  /** What one exchange gave: read within the deadline, then parsed. */
  private record Exchange(int status, String text, String retryAfter) {}

  private final HttpPipeline pipeline;
  private final String baseUrl;
  private final String what;
  private final Sleeper sleeper;
  private final RunDeadline deadline;
  private final CallInfo context;

  /**
   * @param baseUrl endpoint root, e.g. {@code https://management.azure.com}
   * @param what name of the service in messages, e.g. {@code ARM}
   * @param deadline every call and pause ends by then ({@code --timeout})
   */
  AzureRest(
      HttpPipeline pipeline,
      String baseUrl,
      String what,
      Sleeper sleeper,
      RunDeadline deadline,
      CallInfo context) {
    this.pipeline = pipeline;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.what = what;
    this.sleeper = sleeper;
    this.deadline = deadline;
    this.context = context;
  }

  String baseUrl() {
    return baseUrl;
  }

  Response get(String pathAndQuery) {
    return send(HttpMethod.GET, url(pathAndQuery), null);
  }

  Response post(String pathAndQuery, String jsonBody) {
    return send(HttpMethod.POST, url(pathAndQuery), jsonBody);
  }

  /** Follows {@code nextLink}s and collects every {@code value[]} item. */
  Paged getAll(String pathAndQuery) {
    List<Map<String, Object>> items = new ArrayList<>();
    String next = url(pathAndQuery);
    for (int page = 0; next != null; page++) {
      if (page == MAX_PAGES) {
        throw new RemoteException(
            what
                + " returned more than "
                + MAX_PAGES
                + " pages for "
                + pathAndQuery
                + "; narrow the query");
      }
      Response r = send(HttpMethod.GET, next, null);
      if (!r.ok()) {
        return new Paged(items, Optional.of(r));
      }
      Json.list(r.body(), "value").forEach(v -> items.add(Json.obj(v)));
      next =
          Json.str(r.body(), "nextLink")
              .or(() -> Json.str(r.body(), "@odata.nextLink"))
              .orElse(null);
      if (next != null && !next.startsWith(baseUrl + "/")) {
        throw new RemoteException(
            what
                + " returned a nextLink outside "
                + baseUrl
                + " ("
                + next
                + "); refusing to send the token there");
      }
    }
    return new Paged(items, Optional.empty());
  }

  private String url(String pathAndQuery) {
    return baseUrl + pathAndQuery;
  }

  private Response send(HttpMethod method, String url, String body) {
    for (int attempt = 1; ; attempt++) {
      HttpRequest request = new HttpRequest(method, url);
      request.setHeader(HttpHeaderName.ACCEPT, "application/json");
      if (body != null) {
        request.setHeader(HttpHeaderName.CONTENT_TYPE, "application/json");
        request.setBody(body);
      }
      Exchange exchange;
      try {
        // The caller's token (inside the pipeline), the call and its body, all by the deadline.
        exchange = deadline.await(what + " at " + stripQuery(url), () -> exchange(request));
      } catch (RemoteException e) {
        throw e;
      } catch (RuntimeException e) {
        throw TokenFailures.duringToken(e) ? tokenFailure(e) : unreachable(url, e);
      }
      if ((exchange.status() == 429 || exchange.status() == 503) && attempt < MAX_ATTEMPTS) {
        pause(retryDelay(exchange.retryAfter(), attempt), exchange.status());
        continue;
      }
      return parse(exchange.status(), exchange.text(), url);
    }
  }

  private Exchange exchange(HttpRequest request) {
    try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
      return new Exchange(
          response.getStatusCode(),
          response.getBodyAsBinaryData().toString(),
          response.getHeaderValue(HttpHeaderName.RETRY_AFTER));
    }
  }

  /**
   * The caller got no token: who the caller is, where its tokens come from and the likely cause;
   * advice about the caller (never about volume options, which are the pod's identity).
   */
  private RemoteException tokenFailure(RuntimeException e) {
    String cause =
        TokenFailures.aadsts(e)
            .map(
                code ->
                    "Entra ID refused the caller's credentials ("
                        + code
                        + "): check the caller's client id, tenant and secret or certificate")
            .or(() -> context.hints().cause(e, context.tokenHost(), false))
            .orElse(firstLine(e.getMessage()));
    return new RemoteException(
        "could not get a token for the caller to call "
            + what
            + " (the caller is "
            + context.caller()
            + "): "
            + cause
            + "; the caller is whoever runs kvctl (it reads ARM and Graph), not the pod's identity:"
            + " set AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_CLIENT_SECRET, run az login, or run"
            + " where a managed identity is available",
        e);
  }

  private RemoteException unreachable(String url, Exception e) {
    String host = java.net.URI.create(stripQuery(url)).getAuthority();
    String reason =
        context
            .hints()
            .cause(e, host, context.proxied())
            .orElse(
                e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage()));
    return new RemoteException(
        "could not call " + what + " at " + stripQuery(url) + ": " + reason, e);
  }

  private Response parse(int status, String text, String url) {
    Map<String, Object> body;
    try {
      body = Json.obj(Json.parse(text));
    } catch (IOException | RuntimeException e) {
      if (status / 100 == 2) {
        throw new RemoteException(
            what + " returned a body that is not JSON for " + stripQuery(url), e);
      }
      body = Map.of();
    }
    Map<String, Object> error = Json.obj(body, "error");
    return new Response(
        status, body, Json.str(error, "code").orElse(""), Json.str(error, "message").orElse(""));
  }

  /**
   * {@code Retry-After} in seconds (what ARM and Graph send), capped at {@link #MAX_RETRY_AFTER};
   * exponential (2, 4, 8 s) when absent or not a number.
   */
  static Duration retryDelay(String retryAfter, int attempt) {
    Duration d = Duration.ofSeconds(1L << Math.min(attempt, 5));
    if (retryAfter != null && !retryAfter.isBlank()) {
      try {
        d = Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.trim())));
      } catch (NumberFormatException notSeconds) {
        // an HTTP date or garbage: keep the exponential default
      }
    }
    return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
  }

  private void pause(Duration d, int status) {
    Duration left = deadline.remaining();
    if (d.compareTo(left) > 0) {
      throw new RemoteException(
          what
              + " is throttling (HTTP "
              + status
              + ") and asks to wait "
              + d.toSeconds()
              + " s, more than the "
              + left.toSeconds()
              + " s left of --timeout "
              + deadline.limit().toSeconds()
              + "s: retry later, or raise --timeout");
    }
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RemoteException(what + " call interrupted while waiting out throttling", e);
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "no details";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static String stripQuery(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }
}
