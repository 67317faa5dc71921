package io.kvflex.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.cloud.CloudEnvironment;
import io.kvflex.errors.KvflexException;
import io.kvflex.localvault.LocalVault;
import io.kvflex.options.IdentityMode;
import io.kvflex.options.ObjectType;
import io.kvflex.options.Sensitive;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import io.kvflex.vault.credentials.Backoff;
import io.kvflex.vault.http.Deadline;
import io.kvflex.vault.http.HttpSettings;
import io.kvflex.vault.http.ProxyLog;
import io.kvflex.vault.http.ProxySettings;
import io.kvflex.vault.http.Proxying;
import io.kvflex.vault.http.TrustedTls;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter behind a CONNECT proxy ({@link TunnelProxy}) in front of localvault: Key Vault and
 * Entra ID calls tunnel through it, {@code NO_PROXY} bypasses it, IMDS and NMI never touch it, and
 * proxy credentials are sent when challenged but never appear in a message or {@code toString}.
 */
class ProxyLocalVaultTest {
  static final String TENANT = "a1b2c3d4-0000-4000-8000-000000000001";
  static final String VAULT = "kvflex-vault-it"; // listed in test.hosts
  static final String SP_ID = "11111111-1111-4111-8111-111111111111";
  static final String CLIENT_SECRET = "client-secret-SENTINEL-p9x2";
  static final String SECRET_VALUE = "secret-value-SENTINEL-p4k7";
  static final String PROXY_USER = "proxy-user-SENTINEL-u1";
  static final String PROXY_PASSWORD = "proxy-pw-SENTINEL-q8z3";

  @TempDir static Path dir;
  static LocalVault lv;
  static CloudEnvironment cloud;
  static TunnelProxy proxy;
  static TunnelProxy authProxy;

  final List<String> logged = new CopyOnWriteArrayList<>();
  final ProxyLog log =
      new ProxyLog() {
        @Override
        public void route(String scheme, String host, int port, String route) {
          logged.add(scheme + "://" + host + ":" + port + " via " + route);
        }

        @Override
        public void warn(String message) {
          logged.add("WARN " + message);
        }
      };

  static String seed() {
    return String.join(
        "\n",
        "tenants:",
        "  - id: " + TENANT,
        "servicePrincipals:",
        "  - name: sp",
        "    clientId: " + SP_ID,
        "    clientSecret: " + CLIENT_SECRET,
        "managedIdentities:",
        "  - name: vm-system",
        "    clientId: 44444444-4444-4444-8444-444444444444",
        "    systemAssigned: true",
        "  - name: pod-mi",
        "    clientId: 66666666-6666-4666-8666-666666666666",
        "    onVm: false",
        "podIdentities:",
        "  - namespace: team-a",
        "    pod: web",
        "    identity: pod-mi",
        "vaults:",
        "  - name: " + VAULT,
        "    tenant: " + TENANT,
        "    access:",
        "      - identity: sp",
        "        secrets: [get]",
        "      - identity: vm-system",
        "        secrets: [get]",
        "      - identity: pod-mi",
        "        secrets: [get]",
        "    secrets:",
        "      - name: db-password",
        "        value: " + SECRET_VALUE,
        "");
  }

  @BeforeAll
  static void start() throws IOException {
    AzureVaultClientLocalVaultTest.Seeded seeded =
        AzureVaultClientLocalVaultTest.startSeeded(dir, seed());
    lv = seeded.lv();
    cloud = seeded.cloud();
    proxy = TunnelProxy.open();
    authProxy = TunnelProxy.requiringBasic(PROXY_USER, PROXY_PASSWORD);
  }

  @AfterAll
  static void stop() throws IOException {
    if (proxy != null) {
      proxy.close();
    }
    if (authProxy != null) {
      authProxy.close();
    }
    if (lv != null) {
      lv.close();
    }
  }

  @BeforeEach
  void resetProxies() {
    proxy.reset();
    authProxy.reset();
  }

  AzureVaultClient client(IdentityMode identity, Map<String, String> env) {
    Proxying proxying = new Proxying(ProxySettings.fromEnvironment(env), log);
    return VaultClients.create(
        VAULT,
        TENANT,
        cloud,
        identity,
        Deadline.after(Clock.systemUTC(), Duration.ofSeconds(20)),
        new VaultClients.Tuning(
            new HttpSettings(
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                TrustedTls.sslContext(cloud.caCertificates()),
                proxying),
            new Backoff(Duration.ofMillis(50), Duration.ofMillis(200))));
  }

  static IdentityMode sp() {
    return new IdentityMode.ServicePrincipalSecret(SP_ID, Sensitive.ofUtf8(CLIENT_SECRET));
  }

  static String fetchSecret(AzureVaultClient client) {
    return ((VaultObject.Secret)
            client.fetch(new ObjectRef(ObjectType.SECRET, "db-password", Optional.empty())))
        .value()
        .revealUtf8();
  }

  static String vaultAuthority() {
    return VAULT + ".vault.localvault.test:" + lv.httpsPort();
  }

  static String loginAuthority() {
    return "login.localvault.test:" + lv.httpsPort();
  }

  @Test
  void keyVaultAndEntraIdTunnelThroughHttpsProxy() {
    AzureVaultClient client =
        client(sp(), Map.of("https_proxy", "http://127.0.0.1:" + proxy.port()));
    assertThat(fetchSecret(client)).isEqualTo(SECRET_VALUE);
    assertThat(proxy.requests())
        .contains("CONNECT " + vaultAuthority() + " HTTP/1.1")
        .contains("CONNECT " + loginAuthority() + " HTTP/1.1")
        .allMatch(r -> r.startsWith("CONNECT "));
    assertThat(proxy.tunnels()).contains(vaultAuthority(), loginAuthority());
    assertThat(logged)
        .contains(
            "https://"
                + VAULT
                + ".vault.localvault.test:"
                + lv.httpsPort()
                + " via http://127.0.0.1:"
                + proxy.port()
                + " (https_proxy)");
  }

  @Test
  void noProxyBypassesTheProxy() {
    for (String noProxy :
        List.of(".localvault.test", "*.localvault.test", "localvault.test", "*")) {
      AzureVaultClient client =
          client(
              sp(), Map.of("HTTPS_PROXY", "http://127.0.0.1:" + proxy.port(), "NO_PROXY", noProxy));
      assertThat(fetchSecret(client)).as(noProxy).isEqualTo(SECRET_VALUE);
    }
    assertThat(proxy.requests()).isEmpty();
    assertThat(logged).contains("https://" + loginAuthority() + " via direct (NO_PROXY)");
  }

  @Test
  void noProxyCanExemptJustTheLoginHost() {
    AzureVaultClient client =
        client(
            sp(),
            Map.of(
                "HTTPS_PROXY", "http://127.0.0.1:" + proxy.port(),
                "NO_PROXY", "login.localvault.test:" + lv.httpsPort()));
    assertThat(fetchSecret(client)).isEqualTo(SECRET_VALUE);
    assertThat(proxy.tunnels()).containsOnly(vaultAuthority());
  }

  @Test
  void imdsAndNmiNeverUseTheProxy() {
    // Both proxy variables point at the proxy, and nothing exempts the token endpoints by name:
    // the vault still tunnels through the proxy, the token calls must not.
    Map<String, String> env =
        Map.of(
            "HTTPS_PROXY", "http://127.0.0.1:" + proxy.port(),
            "HTTP_PROXY", "http://127.0.0.1:" + proxy.port());
    for (IdentityMode mode :
        List.of(
            new IdentityMode.VmManagedIdentity(Optional.empty()),
            new IdentityMode.PodIdentity("team-a", "web", 2579))) {
      assertThat(fetchSecret(client(mode, env))).as(mode.describe()).isEqualTo(SECRET_VALUE);
    }
    assertThat(proxy.tunnels()).containsOnly(vaultAuthority());
    assertThat(proxy.requests())
        .allMatch(r -> r.equals("CONNECT " + vaultAuthority() + " HTTP/1.1"));
    assertThat(lv.imdsEndpoint()).startsWith("http://127.0.0.1:");
  }

  @Test
  void proxyCredentialsReachTheProxyAndNeverShow() {
    String url = "http://" + PROXY_USER + ":" + PROXY_PASSWORD + "@127.0.0.1:" + authProxy.port();
    Map<String, String> env = Map.of("HTTPS_PROXY", url);
    AzureVaultClient client = client(sp(), env);
    assertThat(fetchSecret(client)).isEqualTo(SECRET_VALUE);
    assertThat(authProxy.tunnels()).contains(vaultAuthority(), loginAuthority());
    // Sent pre-emptively (as Go's net/http does): every CONNECT carried them, none was refused.
    assertThat(authProxy.requests()).hasSameSizeAs(authProxy.tunnels());

    assertNoProxySecrets(client.toString());
    assertNoProxySecrets(ProxySettings.fromEnvironment(env).toString());
    assertNoProxySecrets(String.join("\n", logged));
  }

  @Test
  void wrongProxyPasswordFailsWithoutShowingIt() {
    String wrong = "wrong-proxy-pw-SENTINEL-w2";
    Map<String, String> env =
        Map.of(
            "HTTPS_PROXY", "http://" + PROXY_USER + ":" + wrong + "@127.0.0.1:" + authProxy.port());
    AzureVaultClient client = client(sp(), env);
    KvflexException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            () -> fetchSecret(client), KvflexException.class);
    assertThat(e).isNotNull();
    assertNoProxySecrets(e.getMessage());
    assertNoProxySecrets(e.toString());
    assertThat(e.getMessage())
        .doesNotContain(wrong)
        .startsWith("cannot fetch secret/db-password (latest) from Key Vault '" + VAULT + "'")
        .contains(
            "the proxy http://127.0.0.1:"
                + authProxy.port()
                + " (HTTPS_PROXY) refused the request [HTTP 407]")
        .contains("rejected the user name or password of HTTPS_PROXY");
    assertThat(authProxy.tunnels()).isEmpty();
  }

  @Test
  void anUnreachableProxyIsNamedNotTheVault() throws IOException {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    KvflexException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            () -> fetchSecret(client(sp(), Map.of("HTTPS_PROXY", "127.0.0.1:" + closedPort))),
            KvflexException.class);
    assertThat(e).isNotNull();
    assertThat(e.getMessage())
        .contains("the proxy http://127.0.0.1:" + closedPort + " (HTTPS_PROXY) cannot be reached")
        .contains("NO_PROXY");
  }

  static void assertNoProxySecrets(String text) {
    assertThat(text)
        .doesNotContain("SENTINEL")
        .doesNotContain(PROXY_PASSWORD)
        .doesNotContain(PROXY_USER)
        .doesNotContain(CLIENT_SECRET);
  }
}
