package io.kvflex.engine;

import io.kvflex.flexvolume.log.EventLog;
import io.kvflex.options.PodEvidence;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the engine touches outside the JVM, injected by the edge that builds it (the driver's
 * {@code Main}, the node agent, kvctl).
 *
 * @param env the process environment; the engine reads only the proxy variables ({@code
 *     HTTPS_PROXY}, {@code HTTP_PROXY}, {@code NO_PROXY}, upper or lower case) and reads them at
 *     each vault opening, so a bad value fails that mount with a message naming the variable
 * @param clock the time source of every deadline
 * @param log where events go; its redactor learns every secret the engine sees
 * @param podEvidence what the node says about a pod uid (the impersonation guard)
 */
public record EngineWorld(
    Map<String, String> env, Clock clock, EventLog log, PodEvidence podEvidence) {

  public EngineWorld {
    env = Map.copyOf(env);
    Objects.requireNonNull(clock);
    Objects.requireNonNull(log);
    Objects.requireNonNull(podEvidence);
  }

  /** On a node: proxies from {@code env}, pod evidence from the kubelet's own files. */
  public static EngineWorld node(Map<String, String> env, Clock clock, EventLog log) {
    return new EngineWorld(
        env, clock, log, new KubeletPodEvidence(KubeletPodEvidence.HOST_POD_LOGS));
  }

  /**
   * Off a node ({@code kvctl fetch}): proxies from {@code env} as on a node ({@code HTTPS_PROXY},
   * {@code NO_PROXY}, ...), no kubelet files to vouch for a pod, nothing logged.
   */
  public static EngineWorld offNode(Map<String, String> env, Clock clock) {
    return new EngineWorld(env, clock, EventLog.discarding(), PodEvidence.NONE);
  }
}
