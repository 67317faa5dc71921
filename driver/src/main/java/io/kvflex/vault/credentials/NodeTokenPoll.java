package io.kvflex.vault.credentials;

import com.azure.core.credential.AccessToken;
import io.kvflex.vault.http.BoundedBody;
import io.kvflex.vault.http.Deadline;
import io.kvflex.vault.http.Problem;
import io.kvflex.vault.http.ResponseTooLarge;
import io.kvflex.vault.http.Retryable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The try loop the node-local token endpoints (IMDS, NMI) share: send; a 200 answer gives the
 * token; an answer the endpoint calls final fails at once; otherwise (a retryable status or a
 * failure {@link Retryable} calls transient) wait with {@link Backoff} while the next try still
 * fits before the mount deadline and within {@code maxTries}, then fail saying why it gave up.
 * Bodies are read within {@link BoundedBody}'s limits (size, idle gap, deadline).
 */
final class NodeTokenPoll {
  /** No limit on tries but the mount deadline. */
  static final int UNLIMITED = Integer.MAX_VALUE;

  /** A try that cannot get this long before the deadline is not started. */
  private static final Duration MIN_TRY = Duration.ofMillis(300);

  /** Throws {@link TokenFailure} when a non-200 {@code status} is final; returns to retry. */
  @FunctionalInterface
  interface FinalAnswer {
    void check(int status, String body);
  }

  /** Why the loop stopped; {@code lastError} is null when the last try got an HTTP answer. */
  @FunctionalInterface
  interface GaveUp {
    Problem problem(int tries, int lastStatus, Throwable lastError);
  }

  /**
   * What differs between the endpoints.
   *
   * @param token the token in a 200 answer's body; throws {@link TokenFailure} when there is none
   */
  record Endpoint(
      Supplier<HttpRequest> request,
      Function<String, AccessToken> token,
      FinalAnswer finalAnswer,
      GaveUp gaveUp) {}

  private NodeTokenPoll() {}

  static AccessToken fetch(
      HttpClient http,
      BoundedBody bodies,
      Deadline deadline,
      Backoff backoff,
      int maxTries,
      Endpoint endpoint) {
    int tries = 0;
    int lastStatus = 0;
    Throwable lastError = null;
    while (true) {
      tries++;
      try {
        Answer answer = send(http, bodies, endpoint.request().get());
        lastStatus = answer.status();
        lastError = null;
        if (lastStatus == 200) {
          return endpoint.token().apply(answer.body());
        }
        endpoint.finalAnswer().check(lastStatus, answer.body());
      } catch (IOException | ResponseTooLarge e) {
        lastError = e;
        if (!Retryable.failure(e)) {
          throw new TokenFailure(endpoint.gaveUp().problem(tries, lastStatus, e), e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TokenFailure(endpoint.gaveUp().problem(tries, lastStatus, e), e);
      }
      Duration wait = backoff.after(tries);
      if (tries >= maxTries || !deadline.allows(wait, MIN_TRY) || !Backoff.sleep(wait)) {
        throw new TokenFailure(endpoint.gaveUp().problem(tries, lastStatus, lastError), lastError);
      }
    }
  }

  /** One status and body. */
  private record Answer(int status, String body) {}

  /**
   * One request: the headers within the request's timeout (capped by the deadline), the body within
   * {@code bodies}' limits; a 200 must carry well-formed JSON, or it counts as a broken answer and
   * is tried again.
   */
  private static Answer send(HttpClient http, BoundedBody bodies, HttpRequest request)
      throws IOException, InterruptedException {
    HttpResponse<InputStream> response =
        http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    long announced = response.headers().firstValueAsLong("content-length").orElse(-1);
    byte[] body;
    try (InputStream in = response.body()) {
      body = bodies.read(in, announced, in);
    }
    if (response.statusCode() == 200) {
      BoundedBody.requireJson(body);
    }
    return new Answer(response.statusCode(), new String(body, StandardCharsets.UTF_8));
  }

  /** Whether {@code error} means the endpoint could not be reached at all (nothing answered). */
  static boolean unreachable(Throwable error) {
    for (Throwable c = error; c != null; c = c.getCause()) {
      if (c instanceof java.net.ConnectException
          || c instanceof java.net.UnknownHostException
          || c instanceof java.nio.channels.UnresolvedAddressException
          || c instanceof java.net.http.HttpConnectTimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** {@code host[:port]} of {@code base}, as transport failure messages name it. */
  static String hostPort(URI base) {
    return base.getHost() + (base.getPort() > 0 ? ":" + base.getPort() : "");
  }

  static String trimSlash(String s) {
    return s.endsWith("/") ? trimSlash(s.substring(0, s.length() - 1)) : s;
  }
}
