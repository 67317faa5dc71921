package io.kvflex.kvctl.access;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Why a call did not get through, in our own words and naming the host: the name does not resolve,
 * nothing listens, TLS is not trusted, no answer in time, or Entra ID refused the credentials (only
 * its {@code AADSTS} code is quoted, never the SDK's text).
 */
final class Unreachable {
  private static final Pattern AADSTS = Pattern.compile("AADSTS\\d{4,8}");

  private Unreachable() {}

  /** The likely cause and what to check, or empty when the failure is none of these. */
  static Optional<String> explain(Throwable failure, String host, boolean proxied) {
    Optional<String> proxy = DriverHttp.proxyProblem(failure);
    if (proxy.isPresent()) {
      return proxy; // the driver's diagnosis: the proxy, not the endpoint behind it, failed
    }
    for (Throwable c = failure; c != null; c = c.getCause()) {
      if (c instanceof UnknownHostException
          || c instanceof java.nio.channels.UnresolvedAddressException) {
        return Optional.of(
            "the host name "
                + host
                + " does not resolve (check the endpoint, DNS, or the hosts file given with"
                + " KVFLEX_HOSTS_FILE)");
      }
      if (c instanceof ConnectException || c instanceof HttpConnectTimeoutException) {
        return Optional.of(
            "nothing answers at "
                + host
                + (proxied
                    ? " through the proxy of HTTPS_PROXY (check the proxy, or list the host in"
                        + " NO_PROXY)"
                    : " (is the service running and the address right? behind a proxy, set"
                        + " HTTPS_PROXY)"));
      }
      if (c instanceof SSLException) {
        return Optional.of(
            "the TLS certificate of "
                + host
                + " is not trusted (add its CA to the cloud environment file's"
                + " kvflex.caCertificates)");
      }
      if (c instanceof HttpTimeoutException) {
        return Optional.of(host + " did not answer in time");
      }
    }
    return Optional.empty();
  }

  /** Whether the failure happened while getting the caller's token (MSAL or azure-identity). */
  static boolean duringToken(Throwable failure) {
    for (Throwable c = failure; c != null; c = c.getCause()) {
      String name = c.getClass().getName();
      if (name.startsWith("com.microsoft.aad.msal4j.")
          || c instanceof com.azure.core.exception.ClientAuthenticationException) {
        return true;
      }
    }
    return false;
  }

  /** {@code AADSTS7000215} when Entra ID's message carries one. */
  static Optional<String> aadsts(Throwable failure) {
    for (Throwable c = failure; c != null; c = c.getCause()) {
      Matcher m = AADSTS.matcher(String.valueOf(c.getMessage()));
      if (m.find()) {
        return Optional.of(m.group());
      }
    }
    return Optional.empty();
  }
}
