package io.kvflex.vault.http;

/**
 * Where proxy decisions are reported (the driver's event log). Callers never receive proxy
 * credentials: routes are described as {@code http://host:port} or {@code direct (...)}.
 */
public interface ProxyLog {

  /** The first request to {@code scheme://host:port} goes {@code route}. */
  void route(String scheme, String host, int port, String route);

  /** A configuration problem that does not stop the mount. */
  void warn(String message);

  ProxyLog NONE =
      new ProxyLog() {
        @Override
        public void route(String scheme, String host, int port, String route) {}

        @Override
        public void warn(String message) {}
      };
}
