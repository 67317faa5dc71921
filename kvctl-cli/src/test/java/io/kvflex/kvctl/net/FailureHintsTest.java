package io.kvflex.kvctl.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * The likely cause kvctl names, the same for the driver's messages (fetch, check-access's probe)
 * and for kvctl's own calls (check-access's ARM, Graph and tokens).
 */
class FailureHintsTest {
  private static final String NOT_SET =
      "KVFLEX_HOSTS_FILE is not set; for localvault, export KVFLEX_HOSTS_FILE=<the hosts file"
          + " kvctl vault serve printed>, else check ";
  private static final String SERVE =
      "is the server running? For localvault start kvctl vault serve and use the cloud"
          + " environment file it writes (its ports change at every start)";

  private static FailureHints hints(Map<String, String> env) {
    return new FailureHints(env, Duration.ofSeconds(20));
  }

  // ---- the driver's messages ------------------------------------------------------------------

  @Test
  void dnsFailuresNameTheHostsFileWhenItIsNotSet() {
    String m = "host demo-vault.vault.localvault.test cannot be resolved (DNS)";
    assertThat(hints(Map.of()).explain(m))
        .isEqualTo(m + "; " + NOT_SET + "the vault name and the cloud");
    assertThat(hints(Map.of("KVFLEX_HOSTS_FILE", "/tmp/kv/hosts")).explain(m))
        .isEqualTo(
            m
                + "; check the vault name and the cloud, and that /tmp/kv/hosts"
                + " (KVFLEX_HOSTS_FILE) lists the host");
  }

  @Test
  void refusedConnectionsOnThisMachineAskWhetherLocalvaultRuns() {
    String local = "connection to 127.0.0.1:8443 failed (refused or unreachable); fix: x";
    assertThat(hints(Map.of()).explain(local)).isEqualTo(local + "; " + SERVE);
    String remote = "connection to 192.0.2.7:443 failed (refused or unreachable); fix: x";
    assertThat(hints(Map.of()).explain(remote))
        .isEqualTo(
            remote
                + "; is the server running, and is the address in the cloud environment right?"
                + " Behind a proxy, set HTTPS_PROXY");
    String proxy =
        "connection to the proxy failed (refused or unreachable): http://p:3128 (HTTPS_PROXY)";
    assertThat(hints(Map.of()).explain(proxy)).isEqualTo(proxy);
  }

  @Test
  void untrustedTlsPointsAtLocalvaultsCloudEnvironmentFile() {
    String m =
        "the TLS certificate of kv.vault.localvault.test:8443 is not trusted or the handshake";
    assertThat(hints(Map.of()).explain(m))
        .endsWith(
            "; for localvault, use the cloud environment file kvctl vault serve writes (it carries"
                + " localvault's CA)");
  }

  @Test
  void timeoutsSayHowLongKvctlWaitedAndThePodIdentityLabelOnce() {
    String bare = "no token from NMI for pod identity in time";
    assertThat(hints(Map.of()).explain(bare))
        .isEqualTo(
            bare
                + "; kvctl waited up to 20 s (--timeout); NMI answers only pods bound by their"
                + " aadpodidbinding label");
    String withFix = bare + "; fix: label the pod with aadpodidbinding";
    assertThat(hints(Map.of()).explain(withFix))
        .isEqualTo(withFix + "; kvctl waited up to 20 s (--timeout)");
  }

  @Test
  void otherMessagesAreLeftAlone() {
    assertThat(hints(Map.of()).explain("object not found")).isEqualTo("object not found");
  }

  // ---- kvctl's own calls ----------------------------------------------------------------------

  @Test
  void anUnresolvableHostNamesTheHostsFile() {
    Exception e = new RuntimeException(new UnknownHostException("management.localvault.test"));
    assertThat(hints(Map.of()).cause(e, "management.localvault.test:8443", false))
        .contains(
            "the host name management.localvault.test:8443 does not resolve: "
                + NOT_SET
                + "the endpoints of the cloud (environment file)");
    assertThat(
            hints(Map.of("KVFLEX_HOSTS_FILE", "/tmp/kv/hosts"))
                .cause(e, "management.localvault.test:8443", false)
                .orElseThrow())
        .endsWith("and that /tmp/kv/hosts (KVFLEX_HOSTS_FILE) lists the host");
  }

  @Test
  void nothingListeningOnThisMachineIsLocalvaultNotRunning() {
    Exception e = new RuntimeException(new ConnectException("Connection refused"));
    assertThat(hints(Map.of()).cause(e, "127.0.0.1:40123", false))
        .contains("nothing answers at 127.0.0.1:40123: " + SERVE);
    assertThat(hints(Map.of()).cause(e, "localhost:40123", false))
        .contains("nothing answers at localhost:40123: " + SERVE);
    assertThat(hints(Map.of()).cause(e, "192.0.2.7", false).orElseThrow())
        .contains("is the address in the cloud environment right? Behind a proxy, set HTTPS_PROXY");
    assertThat(hints(Map.of()).cause(e, "192.0.2.7", true))
        .contains(
            "nothing answers at 192.0.2.7 through the proxy of HTTPS_PROXY (check the proxy, or"
                + " list the host in NO_PROXY)");
  }

  @Test
  void tlsConnectTimeoutsAndSlowAnswersAreNamed() {
    assertThat(
            hints(Map.of())
                .cause(new RuntimeException(new SSLHandshakeException("PKIX")), "h:1", false)
                .orElseThrow())
        .startsWith("the TLS certificate of h:1 is not trusted (add its CA to the cloud")
        .contains("kvctl vault serve writes");
    assertThat(
            hints(Map.of())
                .cause(new HttpConnectTimeoutException("connect timed out"), "h:1", false)
                .orElseThrow())
        .startsWith("no answer from h:1 while connecting: a firewall may drop the connection");
    assertThat(hints(Map.of()).cause(new HttpTimeoutException("request timed out"), "h:1", false))
        .contains("h:1 did not answer in time; kvctl waited up to 20 s (--timeout)");
    assertThat(hints(Map.of()).cause(new IllegalStateException("other"), "h:1", false)).isEmpty();
  }
}
