package io.kvflex.vault.credentials;

import io.kvflex.vault.http.BodyFailure;
import io.kvflex.vault.http.BoundedBody;
import io.kvflex.vault.http.CertificateFailure;
import io.kvflex.vault.http.ResponseTooLarge;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Recognises network-level failures anywhere in a cause chain and says what they mean, in the same
 * words for Key Vault, Entra ID, IMDS and NMI: which host, what broke (name lookup, connection, TLS
 * certificate and why, an answer that broke off, stalled, was malformed or too large, silence) and
 * what to do.
 */
public final class Transport {
  private Transport() {}

  /**
   * A cause/fix pair for a network failure in {@code t}'s chain, if there is one.
   *
   * @param host {@code host[:port]} as the message should name it
   * @param fixHint the options or settings that choose this endpoint
   */
  public static Optional<String[]> diagnose(Throwable t, String host, String fixHint) {
    // DNS first: the JDK HttpClient reports an unresolvable host as a ConnectException whose
    // cause is an UnresolvedAddressException.
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof UnknownHostException || c instanceof UnresolvedAddressException) {
        return pair(
            "host " + host + " cannot be resolved (DNS)",
            "check the name and cloud settings (" + fixHint + ") and the node's DNS");
      }
    }
    Optional<String[]> tls = CertificateFailure.of(t).map(f -> certificate(f, host, fixHint));
    if (tls.isPresent()) {
      return tls;
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ResponseTooLarge large) {
        return pair(
            "the answer from " + host + " is " + large.size(),
            "Key Vault objects are at most 25 KB (secrets) and answers far below "
                + BoundedBody.describeBytes(large.limit())
                + "; check that "
                + host
                + " is the real endpoint and no proxy answers in its place");
      }
      if (c instanceof BodyFailure body) {
        return Optional.of(body(body, host));
      }
      if (c instanceof ConnectException) {
        return pair(
            "connection to " + host + " failed (refused or unreachable)",
            "check that "
                + host
                + " is reachable from the node (firewall, proxy, "
                + fixHint
                + ")");
      }
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof HttpTimeoutException
          || c instanceof TimeoutException
          || c instanceof java.net.SocketTimeoutException) {
        return pair(
            "no answer from " + host + " in time",
            "check network latency to " + host + " or raise the volume option timeout");
      }
      if (c instanceof SSLException) {
        return pair(
            "the TLS handshake with " + host + " failed",
            "check that "
                + host
                + " speaks HTTPS (TLS 1.2 or later) on that port and that no proxy in between"
                + " breaks TLS; the kubelet will retry the mount");
      }
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof IOException) {
        return pair(
            "the connection to " + host + " was reset or closed before an answer arrived",
            "the kubelet will retry the mount; if it persists, check proxies, firewalls or load"
                + " balancers between the node and "
                + host);
      }
    }
    return Optional.empty();
  }

  private static String[] body(BodyFailure body, String host) {
    String cutters =
        "the kubelet will retry the mount; if it persists, check proxies, firewalls or load"
            + " balancers between the node and "
            + host
            + " (they may cut connections)";
    return switch (body.kind()) {
      case BROKEN ->
          new String[] {
            "the answer from "
                + host
                + " broke off "
                + body.progress()
                + " (connection reset or"
                + " closed)",
            cutters
          };
      case STALLED ->
          new String[] {
            "the answer from " + host + " stalled " + body.progress() + " (no more data arrived)",
            cutters
          };
      case DEADLINE ->
          new String[] {
            "the answer from "
                + host
                + " was still arriving at the mount deadline ("
                + body.progress()
                + ")",
            "check network latency to " + host + " or raise the volume option timeout"
          };
      case MALFORMED ->
          new String[] {
            host + " answered with a body that is not well-formed JSON",
            "check that "
                + host
                + " is the real endpoint and that no proxy or captive portal answers in its place"
          };
    };
  }

  private static String[] certificate(CertificateFailure f, String host, String fixHint) {
    return switch (f) {
      case UNTRUSTED_ISSUER ->
          new String[] {
            "the TLS certificate of " + host + " is not issued by a trusted CA",
            "if the endpoint (or a TLS-inspecting proxy) uses a private CA, add it to"
                + " kvflex.caCertificates in the cloud environment file (verification is never"
                + " switched off)"
          };
      case EXPIRED ->
          new String[] {
            "the TLS certificate of " + host + " has expired (or the node's clock is ahead)",
            "renew the certificate of " + host + " and check the node's clock (NTP)"
          };
      case NOT_YET_VALID ->
          new String[] {
            "the TLS certificate of " + host + " is not valid yet (or the node's clock is behind)",
            "check the node's clock (NTP) and the certificate's start date"
          };
      case HOST_MISMATCH ->
          new String[] {
            "the TLS certificate presented for " + host + " does not name that host",
            "check "
                + fixHint
                + " names the endpoint as its certificate does, and that no proxy answers in its"
                + " place with its own certificate"
          };
      case OTHER ->
          new String[] {
            "the TLS certificate of " + host + " was refused",
            "check the certificate " + host + " presents (key usage, signature, chain)"
          };
    };
  }

  private static Optional<String[]> pair(String cause, String fix) {
    return Optional.of(new String[] {cause, fix});
  }
}
