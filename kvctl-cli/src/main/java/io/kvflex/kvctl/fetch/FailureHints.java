package io.kvflex.kvctl.fetch;

import io.kvflex.kvctl.CliContext;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Locale;

/**
 * The likely cause of a vault failure, in kvctl's words, added to the driver's message at the kvctl
 * edge (the driver's messages are written for a node, where localvault and {@code
 * KVFLEX_HOSTS_FILE} mean nothing).
 */
final class FailureHints {
  private FailureHints() {}

  /** The driver's {@code message} with a hint appended when its cause is recognisable. */
  static String explain(String message, CliContext ctx, Duration timeout) {
    String m = message.toLowerCase(Locale.ROOT);
    if (m.contains("cannot be resolved")) {
      return message + "; " + dnsHint(ctx);
    }
    if (m.contains("refused or unreachable")) {
      return message + "; is the server running? (for localvault: kvctl vault serve)";
    }
    if (m.contains("in time") || m.contains("deadline") || m.contains("timed out")) {
      String waited = message + "; kvctl waited up to " + timeout.toSeconds() + " s (--timeout)";
      // The driver's own fix may already name the label; say it only when it does not.
      return m.contains("pod identity") && !m.contains("aadpodidbinding")
          ? waited + "; NMI answers only pods bound by their aadpodidbinding label"
          : waited;
    }
    return message;
  }

  static String dnsHint(CliContext ctx) {
    String hosts = ctx.env().get("KVFLEX_HOSTS_FILE");
    if (hosts == null || hosts.isBlank()) {
      return "KVFLEX_HOSTS_FILE is not set; for localvault, export KVFLEX_HOSTS_FILE=<the hosts"
          + " file kvctl vault serve printed>, else check keyvaultname and the cloud";
    }
    return "check keyvaultname and that " + hosts + " (KVFLEX_HOSTS_FILE) lists the vault host";
  }

  static String refusedHint(InetAddress address) {
    return address.isLoopbackAddress()
        ? "is the server running? For localvault start kvctl vault serve and use the cloud"
            + " environment file it writes (its ports change at every start)"
        : "is the server running, and is the port in the cloud environment right?";
  }
}
