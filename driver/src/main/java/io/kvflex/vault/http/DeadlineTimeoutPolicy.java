package io.kvflex.vault.http;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Before every attempt (it sits after the retry policy), shortens that attempt's response timeout
 * to the time left before the mount deadline, so no single Key Vault request outlives the mount.
 * Uses the JDK HTTP client's per-request {@code azure-response-timeout} context key.
 */
public final class DeadlineTimeoutPolicy implements HttpPipelinePolicy {
  /** Context key read by azure-core-http-jdk-httpclient for a per-request response timeout. */
  static final String RESPONSE_TIMEOUT_KEY = "azure-response-timeout";

  private final Deadline deadline;
  private final Duration readTimeout;

  public DeadlineTimeoutPolicy(Deadline deadline, Duration readTimeout) {
    this.deadline = deadline;
    this.readTimeout = readTimeout;
  }

  @Override
  public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
    context.setData(RESPONSE_TIMEOUT_KEY, deadline.cap(readTimeout));
    return next.process();
  }

  @Override
  public HttpResponse processSync(
      HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
    context.setData(RESPONSE_TIMEOUT_KEY, deadline.cap(readTimeout));
    return next.processSync();
  }

  @Override
  public HttpPipelinePosition getPipelinePosition() {
    return HttpPipelinePosition.PER_RETRY;
  }
}
