package io.kvflex.vault;

import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.RequestRetryCondition;
import java.lang.reflect.Constructor;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A canned azure-core response for unit tests of retry and error mapping. */
public final class FakeHttpResponse extends HttpResponse {
  private final int status;
  private final HttpHeaders headers;
  private final String body;

  public FakeHttpResponse(int status, HttpHeaders headers, String body) {
    super(new HttpRequest(HttpMethod.GET, "https://myvault.vault.localvault.test:8443/secrets/x/"));
    this.status = status;
    this.headers = headers;
    this.body = body;
  }

  /** RequestRetryCondition has a package-private constructor; tests build one reflectively. */
  public static RequestRetryCondition condition(HttpResponse r, Throwable t, int tryCount) {
    try {
      Constructor<RequestRetryCondition> c =
          RequestRetryCondition.class.getDeclaredConstructor(
              HttpResponse.class, Throwable.class, int.class, List.class);
      c.setAccessible(true);
      return c.newInstance(r, t, tryCount, List.of());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public int getStatusCode() {
    return status;
  }

  @Override
  @Deprecated
  public String getHeaderValue(String name) {
    return headers.getValue(name);
  }

  @Override
  public HttpHeaders getHeaders() {
    return headers;
  }

  @Override
  public Flux<ByteBuffer> getBody() {
    return Flux.just(ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public Mono<byte[]> getBodyAsByteArray() {
    return Mono.just(body.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public Mono<String> getBodyAsString() {
    return Mono.just(body);
  }

  @Override
  public Mono<String> getBodyAsString(Charset charset) {
    return Mono.just(body);
  }
}
