package io.kvflex.vault.credentials;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Recognises network-level failures anywhere in a cause chain and says what they mean. */
public final class Transport {
  private Transport() {}

  /** A cause/fix pair for a network failure in {@code t}'s chain, if there is one. */
  public static Optional<String[]> diagnose(Throwable t, String host, String fixHint) {
    // DNS first: the JDK HttpClient reports an unresolvable host as a ConnectException whose
    // cause is an UnresolvedAddressException.
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof UnknownHostException || c instanceof UnresolvedAddressException) {
        return Optional.of(
            new String[] {
              "host " + host + " cannot be resolved (DNS)",
              "check the name and cloud settings (" + fixHint + ") and the node's DNS"
            });
      }
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ConnectException) {
        return Optional.of(
            new String[] {
              "connection to " + host + " failed (refused or unreachable)",
              "check that "
                  + host
                  + " is reachable from the node (firewall, proxy, "
                  + fixHint
                  + ")"
            });
      }
      if (c instanceof SSLException) {
        return Optional.of(
            new String[] {
              "the TLS certificate of " + host + " is not trusted or the handshake failed",
              "if the endpoint uses a private CA, add it to kvflex.caCertificates in the cloud"
                  + " environment file (verification is never switched off)"
            });
      }
      if (c instanceof HttpTimeoutException
          || c instanceof TimeoutException
          || c instanceof java.net.SocketTimeoutException) {
        return Optional.of(
            new String[] {
              "no answer from " + host + " in time",
              "check network latency to " + host + " or raise the volume option timeout"
            });
      }
    }
    return Optional.empty();
  }
}
