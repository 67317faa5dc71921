package io.kvflex.vault.http;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Reads every answer's body inside its attempt (it sits after the retry policy), through {@link
 * BoundedBody}: a body that breaks off, stalls or is not JSON then fails the attempt, and the retry
 * policy tries again within the deadline, instead of failing later while the SDK deserializes
 * (where nothing retries). Also enforces the size limit while reading.
 */
public final class BoundedBodyPolicy implements HttpPipelinePolicy {
  /** azure-core context keys that make its JDK client read bodies itself (unbounded). */
  static final String EAGERLY_READ = "azure-eagerly-read-response";

  static final String IGNORE_BODY = "azure-ignore-response-body";

  private final BoundedBody reader;

  public BoundedBodyPolicy(BoundedBody reader) {
    this.reader = reader;
  }

  @Override
  public HttpResponse processSync(
      HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
    streamed(context);
    return buffered(next.processSync(), context);
  }

  @Override
  public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
    streamed(context);
    return next.process()
        .flatMap(
            r ->
                Mono.fromCallable(() -> buffered(r, context))
                    .subscribeOn(Schedulers.boundedElastic()));
  }

  @Override
  public HttpPipelinePosition getPipelinePosition() {
    return HttpPipelinePosition.PER_RETRY;
  }

  /** The body must come to us as a stream, or the limits here would apply to nothing. */
  private static void streamed(HttpPipelineCallContext context) {
    context.setData(EAGERLY_READ, false);
    context.setData(IGNORE_BODY, false);
  }

  private HttpResponse buffered(HttpResponse response, HttpPipelineCallContext context) {
    byte[] body;
    try (InputStream in = response.getBodyAsBinaryData().toStream()) {
      body = reader.read(in, announcedLength(response), response);
      if (isSuccess(response, context)) {
        BoundedBody.requireJson(body);
      }
    } catch (IOException e) {
      response.close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      response.close();
      throw e;
    }
    response.close();
    return new BufferedResponse(response, body);
  }

  /** Successful answers with a body: Key Vault and Entra ID always send JSON there. */
  private static boolean isSuccess(HttpResponse response, HttpPipelineCallContext context) {
    int s = response.getStatusCode();
    return s >= 200
        && s < 300
        && s != 204
        && context.getHttpRequest().getHttpMethod() != HttpMethod.HEAD;
  }

  private static long announcedLength(HttpResponse response) {
    String value = response.getHeaderValue(HttpHeaderName.CONTENT_LENGTH);
    if (value == null) {
      return -1;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
