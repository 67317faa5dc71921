package io.kvflex.vault.http;

import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP proxy from the environment.
 *
 * @param host proxy host name or IP literal (lower case)
 * @param port proxy port (80 when the URL names none)
 * @param credentials Basic proxy credentials from the URL's user info, if any
 * @param variable the environment variable it came from (named in logs and messages)
 */
public record ProxyEndpoint(
    String host, int port, Optional<ProxyCredentials> credentials, String variable) {

  public ProxyEndpoint {
    Objects.requireNonNull(host);
    Objects.requireNonNull(credentials);
    Objects.requireNonNull(variable);
  }

  /** {@code http://host:port} — never the credentials. */
  public String describe() {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return "http://" + h + ":" + port;
  }

  @Override
  public String toString() {
    return describe()
        + " (from "
        + variable
        + (credentials.isPresent() ? ", with credentials" : "")
        + ")";
  }
}
