package io.kvflex.vault.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvProxySelectorTest {
  final List<String> routes = new ArrayList<>();
  final ProxyLog log =
      new ProxyLog() {
        @Override
        public void route(String scheme, String host, int port, String route) {
          routes.add(scheme + "://" + host + ":" + port + " " + route);
        }

        @Override
        public void warn(String message) {
          routes.add("WARN " + message);
        }
      };

  EnvProxySelector selector(Map<String, String> env) {
    return new EnvProxySelector(ProxySettings.fromEnvironment(env), log);
  }

  @Test
  void httpsGoesThroughHttpsProxyUnlessExempt() {
    EnvProxySelector s =
        selector(
            Map.of(
                "HTTPS_PROXY", "http://u:secret-SENTINEL@10.9.8.7:3128",
                "NO_PROXY", ".internal.example"));
    List<Proxy> kv = s.select(URI.create("https://kv1.vault.azure.net/secrets/a"));
    assertThat(kv).hasSize(1);
    assertThat(kv.get(0).type()).isEqualTo(Proxy.Type.HTTP);
    InetSocketAddress a = (InetSocketAddress) kv.get(0).address();
    assertThat(a.getHostString()).isEqualTo("10.9.8.7");
    assertThat(a.getPort()).isEqualTo(3128);

    assertThat(s.select(URI.create("https://kv.internal.example/x")))
        .containsExactly(Proxy.NO_PROXY);
    assertThat(s.select(URI.create("http://169.254.169.254/metadata/identity/oauth2/token")))
        .containsExactly(Proxy.NO_PROXY);
    assertThat(s.select(URI.create("https://127.0.0.1:2579/host/token/")))
        .containsExactly(Proxy.NO_PROXY);
    // No HTTP_PROXY: plain http goes direct even to a proxied-looking host.
    assertThat(s.select(URI.create("http://kv1.vault.azure.net/"))).containsExactly(Proxy.NO_PROXY);
  }

  @Test
  void eachRouteIsLoggedOnceWithoutCredentials() {
    EnvProxySelector s =
        selector(
            Map.of(
                "HTTPS_PROXY",
                "http://u:secret-SENTINEL@proxy.example:3128",
                "NO_PROXY",
                "login.example"));
    s.select(URI.create("https://kv1.vault.azure.net/secrets/a"));
    s.select(URI.create("https://kv1.vault.azure.net/secrets/b"));
    s.select(URI.create("https://login.example/tenant/oauth2/v2.0/token"));
    s.select(URI.create("https://127.0.0.1:8443/"));
    assertThat(routes)
        .containsExactly(
            "https://kv1.vault.azure.net:443 http://proxy.example:3128 (HTTPS_PROXY)",
            "https://login.example:443 direct (NO_PROXY)",
            "https://127.0.0.1:8443 direct (loopback)");
    assertThat(String.join("\n", routes)).doesNotContain("SENTINEL").doesNotContain("u:");
  }

  @Test
  void withoutVariablesEverythingIsDirect() {
    EnvProxySelector s = selector(Map.of());
    assertThat(s.select(URI.create("https://kv1.vault.azure.net/")))
        .containsExactly(Proxy.NO_PROXY);
    assertThat(routes).containsExactly("https://kv1.vault.azure.net:443 direct (no HTTPS_PROXY)");
  }

  @Test
  void basicProxyAuthorizationGoesOnlyOnRequestsRoutedThroughTheProxy() throws Exception {
    ProxySettings settings =
        ProxySettings.fromEnvironment(
            Map.of(
                "HTTPS_PROXY", "http://svc:pw%3Ax@proxy.example:3128",
                "NO_PROXY", "login.example"));
    ProxiedHttpClient client =
        new ProxiedHttpClient(null, new EnvProxySelector(settings, log), true);
    HttpRequest viaProxy = new HttpRequest(HttpMethod.GET, "https://kv1.vault.azure.net/secrets/a");
    assertThat(client.authorize(viaProxy)).isEqualTo(settings.https());
    assertThat(viaProxy.getHeaders().getValue(HttpHeaderName.PROXY_AUTHORIZATION))
        .isEqualTo(
            "Basic "
                + Base64.getEncoder().encodeToString("svc:pw:x".getBytes(StandardCharsets.UTF_8)));
    for (String direct :
        List.of("https://login.example/t/oauth2/v2.0/token", "http://169.254.169.254/metadata")) {
      HttpRequest request = new HttpRequest(HttpMethod.GET, direct);
      request.setHeader(HttpHeaderName.PROXY_AUTHORIZATION, "Basic stale");
      assertThat(client.authorize(request)).as(direct).isEmpty();
      assertThat(request.getHeaders().getValue(HttpHeaderName.PROXY_AUTHORIZATION))
          .as(direct)
          .isNull();
    }
    assertThat(client.toString()).doesNotContain("pw").doesNotContain("svc");
  }
}
