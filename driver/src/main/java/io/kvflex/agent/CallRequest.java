package io.kvflex.agent;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One kubelet call as its launcher handed it over: the arguments exactly as the kubelet passed them
 * (the options JSON among them, so {@link #toString()} shows only the verb and the count), the
 * proxy variables of the kubelet's environment, and when the launcher started.
 *
 * @param argv {@code init}, {@code mount <dir> <json>}, {@code unmount <dir>}, ...
 * @param proxyEnv the kubelet's {@code HTTPS_PROXY}/{@code HTTP_PROXY}/{@code NO_PROXY} variables
 *     (either case) that were set, so the agent routes this call as the in-process driver would
 * @param started the launcher's start: deadlines count from here
 */
record CallRequest(List<String> argv, Map<String, String> proxyEnv, Instant started) {
  /** The only variables a launcher forwards. */
  static final List<String> PROXY_VARIABLES =
      List.of("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy");

  CallRequest {
    argv = List.copyOf(argv);
    proxyEnv = Map.copyOf(proxyEnv);
    Objects.requireNonNull(started);
  }

  String verb() {
    return argv.isEmpty() ? "" : argv.get(0);
  }

  @Override
  public String toString() {
    return "CallRequest[verb="
        + verb().replaceAll("[^A-Za-z0-9_-]", "?")
        + ", args="
        + (argv.size() - 1)
        + ", started="
        + started
        + "]";
  }
}
