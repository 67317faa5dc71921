package io.kvflex.kvctl.fetch;

import io.kvflex.engine.AzureClients;
import io.kvflex.engine.ProxyEnvironment;
import io.kvflex.kvctl.net.FailureHints;
import io.kvflex.kvctl.net.RunDeadline;
import io.kvflex.options.MountRequest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;

/**
 * Before the vault client starts its retries (16 s before "connection refused" with the driver's
 * back-off), one DNS lookup and one TCP connect to the vault say at once whether anything answers,
 * and name the likely cause: localvault not running, or {@code KVFLEX_HOSTS_FILE} not set. Skipped
 * when the driver would reach the vault through a proxy (a direct connect would prove nothing), by
 * the driver's own reading of {@code HTTPS_PROXY} and {@code NO_PROXY}.
 */
final class VaultPreflight {
  private static final Duration CONNECT_LIMIT = Duration.ofSeconds(5);

  private final ProxyEnvironment proxies;

  /**
   * @param proxies the process's proxies, as the engine will use them for the vault
   */
  VaultPreflight(ProxyEnvironment proxies) {
    this.proxies = proxies;
  }

  /**
   * Why the vault cannot be reached, or empty when it answers (or a proxy is in the way).
   *
   * @param deadline the connect gives up by then (and after 5 s at most)
   */
  Optional<String> check(MountRequest request, RunDeadline deadline, FailureHints hints) {
    URI uri = AzureClients.vaultUrl(request);
    if (proxies.proxied(uri.toString())) {
      return Optional.empty();
    }
    String host = uri.getHost();
    int port = uri.getPort() < 0 ? 443 : uri.getPort();
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      return Optional.of(
          "vault host "
              + host
              + " cannot be resolved (DNS): "
              + hints.dns("keyvaultname and the cloud"));
    }
    Duration limit = deadline.cap(CONNECT_LIMIT);
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
              + FailureHints.refused(address.isLoopbackAddress()));
    } catch (SocketTimeoutException e) {
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
}
