package io.kvflex.kvctl.fetch;

import io.kvflex.cloud.CloudEnvironment;
import io.kvflex.cloud.CloudEnvironments;
import io.kvflex.kvctl.CliContext;
import io.kvflex.options.IdentityMode;
import io.kvflex.options.MountRequest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;

/**
 * Before the vault client starts its retries (16 s before "connection refused" with the driver's
 * back-off), one DNS lookup and one TCP connect to the vault say at once whether anything answers,
 * and name the likely cause: localvault not running, or {@code KVFLEX_HOSTS_FILE} not set. Skipped
 * behind an HTTPS proxy, where a direct connect proves nothing.
 */
final class VaultPreflight {
  /** aad-pod-identity's default NMI port, as Fetcher resolves clouds outside pod identity. */
  private static final int DEFAULT_NMI_PORT = 2579;

  private static final Duration CONNECT_LIMIT = Duration.ofSeconds(5);

  private final CliContext ctx;

  VaultPreflight(CliContext ctx) {
    this.ctx = ctx;
  }

  /** The vault's host:port, as the driver will call it. */
  static URI vaultUri(MountRequest request) {
    int nmiPort =
        request.identity() instanceof IdentityMode.PodIdentity pod
            ? pod.nmiPort()
            : DEFAULT_NMI_PORT;
    CloudEnvironment cloud = CloudEnvironments.resolve(request.cloud(), nmiPort);
    return URI.create(cloud.vaultUrl(request.vaultName().toLowerCase(java.util.Locale.ROOT)));
  }

  /** Why the vault cannot be reached, or empty when it answers (or a proxy is in the way). */
  Optional<String> check(MountRequest request, Duration remaining) {
    if (behindProxy()) {
      return Optional.empty();
    }
    URI uri = vaultUri(request);
    String host = uri.getHost();
    int port = uri.getPort() < 0 ? 443 : uri.getPort();
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      return Optional.of(
          "vault host " + host + " cannot be resolved (DNS): " + FailureHints.dnsHint(ctx));
    }
    Duration limit = remaining.compareTo(CONNECT_LIMIT) < 0 ? remaining : CONNECT_LIMIT;
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(address, port), (int) Math.max(1, limit.toMillis()));
      return Optional.empty();
    } catch (ConnectException e) {
      return Optional.of(
          "nothing answers at "
              + host
              + ":"
              + port
              + " (connection refused): "
              + FailureHints.refusedHint(address));
    } catch (java.net.SocketTimeoutException e) {
      return Optional.of(
          "no answer from "
              + host
              + ":"
              + port
              + " within "
              + limit.toSeconds()
              + " s: a firewall may drop the connection, or the host is down");
    } catch (IOException e) {
      // Anything else (no route...) is left to the client, whose diagnosis is more precise.
      return Optional.empty();
    }
  }

  private boolean behindProxy() {
    return ctx.env().keySet().stream()
        .anyMatch(k -> k.equalsIgnoreCase("https_proxy") || k.equalsIgnoreCase("all_proxy"));
  }
}
