package io.kvflex.vault.http;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** An answer whose body was read whole (within limits) by {@link BoundedBodyPolicy}. */
final class BufferedResponse extends HttpResponse {
  private final int status;
  private final HttpHeaders headers;
  private final byte[] body;

  BufferedResponse(HttpResponse original, byte[] body) {
    super(original.getRequest());
    this.status = original.getStatusCode();
    this.headers = original.getHeaders();
    this.body = body;
  }

  @Override
  public int getStatusCode() {
    return status;
  }

  @Override
  @SuppressWarnings("deprecation")
  public String getHeaderValue(String name) {
    return headers.getValue(name);
  }

  @Override
  public String getHeaderValue(HttpHeaderName name) {
    return headers.getValue(name);
  }

  @Override
  public HttpHeaders getHeaders() {
    return headers;
  }

  @Override
  public Flux<ByteBuffer> getBody() {
    return Flux.defer(() -> Flux.just(ByteBuffer.wrap(body).asReadOnlyBuffer()));
  }

  @Override
  public Mono<byte[]> getBodyAsByteArray() {
    return Mono.fromSupplier(body::clone);
  }

  @Override
  public Mono<String> getBodyAsString() {
    return Mono.fromSupplier(() -> new String(body, StandardCharsets.UTF_8));
  }

  @Override
  public Mono<String> getBodyAsString(Charset charset) {
    return Mono.fromSupplier(() -> new String(body, charset));
  }

  @Override
  public BinaryData getBodyAsBinaryData() {
    return BinaryData.fromBytes(body);
  }

  @Override
  public Mono<InputStream> getBodyAsInputStream() {
    return Mono.fromSupplier(() -> new ByteArrayInputStream(body));
  }

  @Override
  public InputStream getBodyAsInputStreamSync() {
    return new ByteArrayInputStream(body);
  }

  @Override
  public HttpResponse buffer() {
    return this;
  }

  @Override
  public void close() {
    // nothing held: the connection was released when the body had been read
  }
}
