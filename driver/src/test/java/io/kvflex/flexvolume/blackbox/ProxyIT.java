package io.kvflex.flexvolume.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.vault.TunnelProxy;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The built {@code kv} honours the kubelet's {@code HTTPS_PROXY} (with Basic credentials, which
 * needs the launcher's tunnelling flag) and logs the route without the credentials.
 */
class ProxyIT extends LocalVaultMountTest {
  static final String PROXY_PASSWORD = "SENTINEL-proxy-password-it";

  @Test
  void mountsThroughAnAuthenticatingProxyFromTheKubeletEnvironment() throws Exception {
    try (TunnelProxy proxy = TunnelProxy.requiringBasic("kubelet", PROXY_PASSWORD)) {
      Map<String, String> env = new HashMap<>(lv.env());
      env.put("HTTPS_PROXY", "http://kubelet:" + PROXY_PASSWORD + "@127.0.0.1:" + proxy.port());
      String before = KvRun.read(lv.log);
      KvRun run =
          mount(env, Map.of("keyvaultobjectnames", "db-password", "keyvaultobjecttypes", "secret"));
      assertThat(run.json).as(run.output).containsEntry("status", "Success");
      assertThat(Files.readString(dir.resolve("db-password")))
          .startsWith(LocalVaultFixture.SENTINEL);
      assertThat(proxy.tunnels())
          .anyMatch(t -> t.startsWith(LocalVaultFixture.VAULT + "."))
          .anyMatch(t -> t.startsWith("login."));
      assertThat(KvRun.read(lv.log).substring(before.length()))
          .contains("event=http.route")
          .contains("via=\"http://127.0.0.1:" + proxy.port() + " (HTTPS_PROXY)\"")
          .doesNotContain("kubelet:");
      assertThat(unmount().status()).isEqualTo("Success");
    }
  }
}
