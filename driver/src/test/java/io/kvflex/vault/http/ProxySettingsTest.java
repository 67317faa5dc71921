package io.kvflex.vault.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kvflex.errors.UserInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxySettingsTest {
  static final String PASSWORD = "proxy-pw-SENTINEL-3c1e";

  @Test
  void noVariablesMeansNoProxy() {
    ProxySettings s = ProxySettings.fromEnvironment(Map.of("PATH", "/bin"));
    assertThat(s.any()).isFalse();
    assertThat(s.forScheme("https")).isEmpty();
    assertThat(s).isEqualTo(ProxySettings.NONE);
  }

  @Test
  void upperCaseWinsThenLowerCaseAndEmptyCountsAsUnset() {
    ProxySettings s =
        ProxySettings.fromEnvironment(
            Map.of(
                "HTTPS_PROXY", "http://upper.example:3128",
                "https_proxy", "http://lower.example:3128",
                "HTTP_PROXY", "",
                "http_proxy", "plain.example:8080",
                "no_proxy", ".internal"));
    assertThat(s.https().orElseThrow().host()).isEqualTo("upper.example");
    assertThat(s.https().orElseThrow().variable()).isEqualTo("HTTPS_PROXY");
    assertThat(s.http().orElseThrow().host()).isEqualTo("plain.example");
    assertThat(s.http().orElseThrow().port()).isEqualTo(8080);
    assertThat(s.http().orElseThrow().variable()).isEqualTo("http_proxy");
    assertThat(s.noProxy().bypass("a.internal", 443)).isPresent();
  }

  @Test
  void schemeAndPortDefaults() {
    ProxyEndpoint p = ProxySettings.parse("HTTPS_PROXY", " Proxy.Corp.Example ");
    assertThat(p.host()).isEqualTo("proxy.corp.example");
    assertThat(p.port()).isEqualTo(80);
    assertThat(p.credentials()).isEmpty();
    assertThat(p.describe()).isEqualTo("http://proxy.corp.example:80");
    assertThat(ProxySettings.parse("HTTPS_PROXY", "http://10.0.0.5:3128/").port()).isEqualTo(3128);
    assertThat(ProxySettings.parse("HTTPS_PROXY", "http://[2001:db8::5]:3128").describe())
        .isEqualTo("http://[2001:db8::5]:3128");
  }

  @Test
  void credentialsArePercentDecodedAndNeverPrinted() {
    String encoded = PASSWORD.replace("-", "%2D") + "%40%3A+";
    ProxySettings s =
        ProxySettings.fromEnvironment(
            Map.of("HTTPS_PROXY", "http://svc%40corp:" + encoded + "@proxy.example:3128"));
    ProxyEndpoint p = s.https().orElseThrow();
    ProxyCredentials c = p.credentials().orElseThrow();
    assertThat(c.user().revealUtf8()).isEqualTo("svc@corp");
    assertThat(c.password().revealUtf8()).isEqualTo(PASSWORD + "@:+");
    assertThat(s.hasCredentials()).isTrue();
    for (String text :
        new String[] {
          s.toString(),
          p.toString(),
          p.describe(),
          p.credentials().toString(),
          new EnvProxySelector(s, ProxyLog.NONE).toString()
        }) {
      assertThat(text).doesNotContain("SENTINEL").doesNotContain("svc");
    }
    assertThat(p.toString())
        .isEqualTo("http://proxy.example:3128 (from HTTPS_PROXY, with credentials)");
  }

  @Test
  void invalidValuesNameTheVariableAndNeverEchoTheValue() {
    String[][] cases = {
      {"HTTPS_PROXY", "https://prxuser:" + PASSWORD + "@proxy.example:3128", "not supported"},
      {"https_proxy", "socks5://prxuser:" + PASSWORD + "@proxy.example:1080", "not supported"},
      {"HTTP_PROXY", "ftp://prxuser:" + PASSWORD + "@proxy.example", "not a proxy scheme"},
      {"HTTPS_PROXY", "http://prxuser:" + PASSWORD + "@@proxy example", "not a URL"},
      {"HTTPS_PROXY", "http://prxuser:" + PASSWORD + "@pro_xy:3128", "names no host"},
      {"HTTPS_PROXY", "http://prxuser:" + PASSWORD + "@proxy.example:3128/path", "no path"},
      {"HTTPS_PROXY", "http://prxuser:" + PASSWORD + "%zz@proxy.example:3128", "not a URL"},
    };
    for (String[] c : cases) {
      UserInputException e =
          catchThrowableOfType(
              () -> ProxySettings.fromEnvironment(Map.of(c[0], c[1])), UserInputException.class);
      assertThat(e).as(c[1]).isNotNull();
      assertThat(e.getMessage())
          .as(c[1])
          .startsWith("environment variable " + c[0] + " of the kubelet is not a usable proxy URL")
          .contains(c[2])
          .contains("fix:")
          .doesNotContain("SENTINEL")
          .doesNotContain("prxuser");
      assertThat(e.getCause()).isNull();
      assertThat(e.toString()).doesNotContain("SENTINEL");
    }
  }

  @Test
  void basicTunnellingIsRefusedByTheJdkUnlessTheLauncherClearsTheProperty() {
    assertThat(HttpSettings.basicTunnelingAllowed(null)).isFalse();
    assertThat(HttpSettings.basicTunnelingAllowed("Basic")).isFalse();
    assertThat(HttpSettings.basicTunnelingAllowed("Digest, basic")).isFalse();
    assertThat(HttpSettings.basicTunnelingAllowed("")).isTrue();
    assertThat(HttpSettings.basicTunnelingAllowed("Digest")).isTrue();
  }
}
