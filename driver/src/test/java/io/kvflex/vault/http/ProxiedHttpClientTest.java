package io.kvflex.vault.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A proxy's own failures are named as the proxy's, with the likely cause; never credentials. */
class ProxiedHttpClientTest {
  static final String PASSWORD = "pw-SENTINEL-h4";
  static final ProxySettings SETTINGS =
      ProxySettings.fromEnvironment(
          Map.of("HTTPS_PROXY", "http://svc:" + PASSWORD + "@proxy.corp:3128"));

  static HttpClient answering(int status) {
    return request ->
        Mono.just(
            new HttpResponse(request) {
              @Override
              public int getStatusCode() {
                return status;
              }

              @Override
              @Deprecated
              public String getHeaderValue(String name) {
                return null;
              }

              @Override
              public HttpHeaders getHeaders() {
                return new HttpHeaders();
              }

              @Override
              public Flux<ByteBuffer> getBody() {
                return Flux.empty();
              }

              @Override
              public Mono<byte[]> getBodyAsByteArray() {
                return Mono.empty();
              }

              @Override
              public Mono<String> getBodyAsString() {
                return Mono.empty();
              }

              @Override
              public Mono<String> getBodyAsString(Charset charset) {
                return Mono.empty();
              }
            });
  }

  static ProxyFailure failure(HttpClient delegate, boolean basicTunneling) {
    ProxiedHttpClient client =
        new ProxiedHttpClient(
            delegate, new EnvProxySelector(SETTINGS, ProxyLog.NONE), basicTunneling);
    HttpRequest request =
        new HttpRequest(HttpMethod.GET, "https://kv1.vault.azure.net/secrets/a?api-version=7.4");
    ProxyFailure f =
        catchThrowableOfType(() -> client.sendSync(request, Context.NONE), ProxyFailure.class);
    assertThat(f).isNotNull();
    assertThat(f.getMessage()).doesNotContain(PASSWORD).doesNotContain("svc").doesNotContain("?");
    assertThat(f.getCause()).isNull();
    return f;
  }

  @Test
  void a407WithCredentialsSentBlamesThePassword() {
    assertThat(failure(answering(407), true).getMessage())
        .isEqualTo(
            "the proxy http://proxy.corp:3128 (HTTPS_PROXY) refused the request [HTTP 407] at"
                + " https://kv1.vault.azure.net/secrets/a: the proxy rejected the user name or"
                + " password of HTTPS_PROXY; fix: put the proxy account into HTTPS_PROXY as"
                + " http://user:password@host:port (percent-encode special characters)");
  }

  @Test
  void a407FromAJvmThatRefusesBasicTunnellingBlamesTheJvm() {
    assertThat(failure(answering(407), false).getMessage())
        .contains("this JVM does not send Basic proxy credentials on HTTPS tunnels")
        .contains("-Djdk.http.auth.tunneling.disabledSchemes=");
  }

  @Test
  void anUnreachableProxyIsNamed() {
    HttpClient refusing =
        request -> Mono.error(new RuntimeException(new ConnectException("Connection refused")));
    assertThat(failure(refusing, true).getMessage())
        .startsWith("the proxy http://proxy.corp:3128 (HTTPS_PROXY) cannot be reached at ");
  }

  @Test
  void otherAnswersPassThrough() {
    ProxiedHttpClient client =
        new ProxiedHttpClient(answering(401), new EnvProxySelector(SETTINGS, ProxyLog.NONE), true);
    assertThat(
            client
                .sendSync(
                    new HttpRequest(HttpMethod.GET, "https://kv1.vault.azure.net/"), Context.NONE)
                .getStatusCode())
        .isEqualTo(401);
  }
}
