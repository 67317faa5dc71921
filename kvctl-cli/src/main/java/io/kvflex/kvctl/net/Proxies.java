package io.kvflex.kvctl.net;

import io.kvflex.engine.ProxyEnvironment;
import java.io.PrintStream;
import java.util.Map;

/** The proxies of kvctl's process, read once per run as the driver reads them. */
public final class Proxies {
  private Proxies() {}

  /**
   * {@code HTTPS_PROXY}, {@code HTTP_PROXY} and {@code NO_PROXY} of {@code env}; their problems
   * that do not stop the calls go to {@code err} as warnings (never credentials).
   *
   * @throws io.kvflex.errors.UserInputException naming the variable whose value is not a usable
   *     proxy URL, before any network call
   */
  public static ProxyEnvironment read(Map<String, String> env, PrintStream err) {
    return ProxyEnvironment.of(env, m -> err.println("kvctl: warning: " + m));
  }
}
