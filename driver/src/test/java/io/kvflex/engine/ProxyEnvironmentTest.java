package io.kvflex.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvflex.errors.UserInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The proxies a non-mount caller (kvctl check-access) takes: the driver's rules, from its env. */
class ProxyEnvironmentTest {
  @Test
  void httpsGoesThroughTheProxyExceptNoProxyHostsAndLoopback() {
    ProxyEnvironment p =
        ProxyEnvironment.of(
            Map.of("HTTPS_PROXY", "http://proxy.corp:3128", "NO_PROXY", ".localvault.test"),
            m -> {});
    assertThat(p.proxied("https://management.azure.com/subscriptions")).isTrue();
    assertThat(p.proxied("https://graph.localvault.test:8443/v1.0")).isFalse();
    assertThat(p.proxied("https://127.0.0.1:8443/")).isFalse();
    assertThat(p.proxied("http://example.test/")).isFalse(); // no HTTP_PROXY
    assertThat(ProxyEnvironment.NONE.proxied("https://management.azure.com/")).isFalse();
  }

  @Test
  void aBadValueNamesTheVariableNeverTheValue() {
    assertThatThrownBy(
            () ->
                ProxyEnvironment.of(Map.of("HTTPS_PROXY", "socks5://u:s3cret@proxy:1080"), m -> {}))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("HTTPS_PROXY")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void credentialsThisJvmWillNotSendAreWarnedAbout() {
    List<String> warnings = new ArrayList<>();
    ProxyEnvironment p =
        ProxyEnvironment.of(Map.of("HTTPS_PROXY", "http://u:p@proxy.corp:3128"), warnings::add);
    AzureClients.httpClient(
        io.kvflex.cloud.CloudEnvironments.builtIn(
            io.kvflex.options.CloudName.AZURE_PUBLIC_CLOUD, 2579),
        p);
    // Unless the JVM was started with -Djdk.http.auth.tunneling.disabledSchemes= (the kv launcher
    // does), the JDK refuses Basic on HTTPS tunnels, and the caller is told.
    if (System.getProperty("jdk.http.auth.tunneling.disabledSchemes") == null) {
      assertThat(warnings).singleElement().asString().contains("credentials");
    } else {
      assertThat(warnings).isEmpty();
    }
    assertThat(ProxyEnvironment.failure(new RuntimeException("other"))).isEmpty();
  }
}
