package io.kvflex.kvctl.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.kvctl.CliContext;
import io.kvflex.testsupport.CapturedStreams;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The likely cause kvctl adds to the driver's vault failures. */
class FailureHintsTest {
  private static CliContext ctx(Map<String, String> env) {
    CapturedStreams streams = new CapturedStreams();
    return new CliContext(streams.in(), streams.out(), streams.err(), env, Path.of("."), false);
  }

  @Test
  void dnsFailuresNameTheHostsFileWhenItIsNotSet() {
    String m = "host demo-vault.vault.localvault.test cannot be resolved (DNS)";
    assertThat(FailureHints.explain(m, ctx(Map.of()), Duration.ofSeconds(60)))
        .endsWith(
            "; KVFLEX_HOSTS_FILE is not set; for localvault, export"
                + " KVFLEX_HOSTS_FILE=<the hosts file kvctl vault serve printed>, else check"
                + " keyvaultname and the cloud");
    assertThat(
            FailureHints.explain(
                m, ctx(Map.of("KVFLEX_HOSTS_FILE", "/tmp/kv/hosts")), Duration.ofSeconds(60)))
        .endsWith(
            "; check keyvaultname and that /tmp/kv/hosts (KVFLEX_HOSTS_FILE) lists the"
                + " vault host");
  }

  @Test
  void refusedConnectionsAskWhetherTheServerRuns() {
    assertThat(
            FailureHints.explain(
                "connection to x failed (refused or unreachable)",
                ctx(Map.of()),
                Duration.ofSeconds(60)))
        .endsWith("; is the server running? (for localvault: kvctl vault serve)");
  }

  @Test
  void timeoutsSayHowLongKvctlWaitedAndThePodIdentityLabelOnce() {
    String bare = "no token from NMI for pod identity in time";
    assertThat(FailureHints.explain(bare, ctx(Map.of()), Duration.ofSeconds(20)))
        .isEqualTo(
            bare
                + "; kvctl waited up to 20 s (--timeout); NMI answers only pods bound by their"
                + " aadpodidbinding label");
    String withFix = bare + "; fix: label the pod with aadpodidbinding";
    assertThat(FailureHints.explain(withFix, ctx(Map.of()), Duration.ofSeconds(20)))
        .isEqualTo(withFix + "; kvctl waited up to 20 s (--timeout)");
  }

  @Test
  void otherMessagesAreLeftAlone() {
    assertThat(FailureHints.explain("object not found", ctx(Map.of()), Duration.ofSeconds(5)))
        .isEqualTo("object not found");
  }
}
