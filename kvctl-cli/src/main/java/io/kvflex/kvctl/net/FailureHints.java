package io.kvflex.kvctl.net;

import io.kvflex.engine.ProxyEnvironment;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * The likely cause of a network failure, in kvctl's words, for every network command: the server is
 * not running (localvault stopped or restarted on new ports), {@code KVFLEX_HOSTS_FILE} is not set,
 * a proxy is in the way, TLS is not trusted, or the run's {@code --timeout} passed. Two kinds of
 * input: the driver's own messages (a fetch's objects, check-access's probe), written for a node
 * where localvault and {@code KVFLEX_HOSTS_FILE} mean nothing, get a hint appended; failures of
 * kvctl's own calls (check-access's ARM, Graph and token calls) get their cause named.
 */
public final class FailureHints {
  /** The host (and port) in the driver's "connection to HOST failed" message. */
  private static final Pattern DRIVER_REFUSED =
      Pattern.compile("connection to (\\S+) failed \\(refused or unreachable\\)");

  private static final String LOCALVAULT_CA =
      "for localvault, use the cloud environment file kvctl vault serve writes (it carries"
          + " localvault's CA)";

  private final Map<String, String> env;
  private final Duration limit;

  /**
   * @param env the process environment ({@code KVFLEX_HOSTS_FILE})
   * @param limit how long the run waits ({@code --timeout}), named when a wait ran out
   */
  public FailureHints(Map<String, String> env, Duration limit) {
    this.env = Map.copyOf(env);
    this.limit = limit;
  }

  /** The driver's {@code message} with a hint appended when its cause is recognisable. */
  public String explain(String message) {
    String m = message.toLowerCase(Locale.ROOT);
    if (m.contains("cannot be resolved")) {
      return message + "; " + dns("the vault name and the cloud");
    }
    Matcher refused = DRIVER_REFUSED.matcher(message);
    if (refused.find() && !m.contains("the proxy")) {
      return message + "; " + refused(loopback(refused.group(1)));
    }
    if (m.contains("tls certificate") && m.contains("not trusted")) {
      return message + "; " + LOCALVAULT_CA;
    }
    if (m.contains("in time") || m.contains("deadline") || m.contains("timed out")) {
      String waited = message + "; " + waited(limit);
      // The driver's own fix may already name the label; say it only when it does not.
      return m.contains("pod identity") && !m.contains("aadpodidbinding")
          ? waited + "; NMI answers only pods bound by their aadpodidbinding label"
          : waited;
    }
    return message;
  }

  /**
   * Why a call to {@code host} did not get through and what to check, or empty when the failure is
   * none of the recognised ones.
   *
   * @param host the host (and port) called, named in the cause
   * @param proxied whether the call went through the proxy of {@code HTTPS_PROXY}
   */
  public Optional<String> cause(Throwable failure, String host, boolean proxied) {
    Optional<String> proxy = ProxyEnvironment.failure(failure);
    if (proxy.isPresent()) {
      return proxy; // the driver's diagnosis: the proxy, not the endpoint behind it, failed
    }
    // DNS first: the JDK client reports an unresolvable host as a ConnectException around it.
    for (Throwable c = failure; c != null; c = c.getCause()) {
      if (c instanceof UnknownHostException || c instanceof UnresolvedAddressException) {
        return Optional.of(
            "the host name "
                + host
                + " does not resolve: "
                + dns("the endpoints of the cloud (environment file)"));
      }
    }
    for (Throwable c = failure; c != null; c = c.getCause()) {
      if (c instanceof HttpConnectTimeoutException) {
        return Optional.of(
            "no answer from "
                + host
                + " while connecting: a firewall may drop the connection, or the host is down"
                + (proxied ? "" : "; behind a proxy, set HTTPS_PROXY"));
      }
      if (c instanceof ConnectException) {
        return Optional.of(
            "nothing answers at "
                + host
                + (proxied
                    ? " through the proxy of HTTPS_PROXY (check the proxy, or list the host in"
                        + " NO_PROXY)"
                    : ": " + refused(loopback(host))));
      }
      if (c instanceof SSLException) {
        return Optional.of(
            "the TLS certificate of "
                + host
                + " is not trusted (add its CA to the cloud environment file's"
                + " kvflex.caCertificates; "
                + LOCALVAULT_CA
                + ")");
      }
      if (c instanceof HttpTimeoutException || c instanceof SocketTimeoutException) {
        return Optional.of(host + " did not answer in time; " + waited(limit));
      }
    }
    return Optional.empty();
  }

  /**
   * What to check when a host name does not resolve: names go through {@code KVFLEX_HOSTS_FILE} for
   * localvault (the {@code ./kvctl} launcher hands it to the JVM).
   *
   * @param check what else to check, e.g. "the vault name and the cloud"
   */
  public String dns(String check) {
    String hosts = env.get("KVFLEX_HOSTS_FILE");
    if (hosts == null || hosts.isBlank()) {
      return "KVFLEX_HOSTS_FILE is not set; for localvault, export KVFLEX_HOSTS_FILE=<the hosts"
          + " file kvctl vault serve printed>, else check "
          + check;
    }
    return "check " + check + ", and that " + hosts + " (KVFLEX_HOSTS_FILE) lists the host";
  }

  /** What to check when nothing listens: on this machine, most likely localvault is not running. */
  public static String refused(boolean loopback) {
    return loopback
        ? "is the server running? For localvault start kvctl vault serve and use the cloud"
            + " environment file it writes (its ports change at every start)"
        : "is the server running, and is the address in the cloud environment right? Behind a"
            + " proxy, set HTTPS_PROXY";
  }

  /** How long kvctl waited, and the flag that sets it. */
  public static String waited(Duration limit) {
    return "kvctl waited up to " + limit.toSeconds() + " s (--timeout)";
  }

  /** Whether {@code hostPort} is this machine ({@code 127.0.0.1}, a hosts-file name of it...). */
  static boolean loopback(String hostPort) {
    String host = hostPort;
    if (host.startsWith("[")) {
      host = host.substring(1, Math.max(1, host.indexOf(']')));
    } else if (host.indexOf(':') == host.lastIndexOf(':') && host.contains(":")) {
      host = host.substring(0, host.indexOf(':'));
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException | SecurityException e) {
      return false;
    }
  }
}
