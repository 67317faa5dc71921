package io.kvflex.vault.credentials;

import com.azure.core.credential.AccessToken;
import io.kvflex.vault.http.Deadline;
import io.kvflex.vault.http.Problem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The try loop the node-local token endpoints (IMDS, NMI) share: send; a 200 answer gives the
 * token; an answer the endpoint calls final fails at once; otherwise (a retryable status or a
 * transport error) wait with {@link Backoff} while the next try still fits before the mount
 * deadline and within {@code maxTries}, then fail saying why it gave up.
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
      HttpClient http, Deadline deadline, Backoff backoff, int maxTries, Endpoint endpoint) {
    int tries = 0;
    int lastStatus = 0;
    Throwable lastError = null;
    while (true) {
      tries++;
      try {
        HttpResponse<String> response =
            http.send(endpoint.request().get(), HttpResponse.BodyHandlers.ofString());
        lastStatus = response.statusCode();
        lastError = null;
        if (lastStatus == 200) {
          return endpoint.token().apply(response.body());
        }
        endpoint.finalAnswer().check(lastStatus, response.body());
      } catch (IOException e) {
        lastError = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TokenFailure(endpoint.gaveUp().problem(tries, lastStatus, e));
      }
      Duration wait = backoff.after(tries);
      if (tries >= maxTries || !deadline.allows(wait, MIN_TRY) || !Backoff.sleep(wait)) {
        throw new TokenFailure(endpoint.gaveUp().problem(tries, lastStatus, lastError));
      }
    }
  }

  /** {@code host[:port]} of {@code base}, as transport failure messages name it. */
  static String hostPort(URI base) {
    return base.getHost() + (base.getPort() > 0 ? ":" + base.getPort() : "");
  }

  static String trimSlash(String s) {
    return s.endsWith("/") ? trimSlash(s.substring(0, s.length() - 1)) : s;
  }
}
