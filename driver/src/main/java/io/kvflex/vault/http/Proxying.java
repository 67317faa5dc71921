package io.kvflex.vault.http;

import java.util.Objects;

/** The proxy settings of one process and where to report which proxy each host uses. */
public record Proxying(ProxySettings settings, ProxyLog log) {

  /** No proxy at all (tests, and callers that do not pass the environment). */
  public static final Proxying NONE = new Proxying(ProxySettings.NONE, ProxyLog.NONE);

  public Proxying {
    Objects.requireNonNull(settings);
    Objects.requireNonNull(log);
  }
}
