package io.kvflex.localvault.auth;

import io.kvflex.localvault.seed.PodIdentitySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * AAD Pod Identity bindings as NMI sees them. A binding becomes active after a number of requests
 * and/or a delay, so tests can reproduce "NMI answers 404 until the identity is assigned".
 */
public final class PodBindings {
  private final Map<String, Binding> byPod = new ConcurrentHashMap<>();
  private final Clock clock;

  public PodBindings(Clock clock) {
    this.clock = clock;
  }

  /** Adds or replaces the binding of a pod; the delay starts now. */
  public void bind(PodIdentitySpec spec) {
    byPod.put(
        key(spec.namespace(), spec.pod()),
        new Binding(
            spec,
            new AtomicInteger(spec.activeAfterRequests()),
            clock.instant().plus(spec.activeAfter())));
  }

  public boolean unbind(String namespace, String pod) {
    return byPod.remove(key(namespace, pod)) != null;
  }

  /**
   * The identity (managed identity name) bound to the pod if the binding is active. Each call while
   * the binding is pending counts towards {@code activeAfterRequests}.
   */
  public Optional<String> activeIdentity(String namespace, String pod) {
    Binding b = byPod.get(key(namespace, pod));
    if (b == null) {
      return Optional.empty();
    }
    boolean countedDown = b.pendingRequests.getAndUpdate(n -> n > 0 ? n - 1 : 0) == 0;
    boolean timeReached = !clock.instant().isBefore(b.activeAt);
    return countedDown && timeReached ? Optional.of(b.spec.identity()) : Optional.empty();
  }

  public List<Map<String, Object>> describe() {
    List<Map<String, Object>> out = new ArrayList<>();
    byPod
        .values()
        .forEach(
            b ->
                out.add(
                    Map.of(
                        "namespace", b.spec.namespace(),
                        "pod", b.spec.pod(),
                        "identity", b.spec.identity(),
                        "pendingRequests", b.pendingRequests.get(),
                        "activeInMs",
                            Math.max(
                                0, Duration.between(clock.instant(), b.activeAt).toMillis()))));
    return out;
  }

  private static String key(String ns, String pod) {
    return ns + "/" + pod;
  }

  private record Binding(PodIdentitySpec spec, AtomicInteger pendingRequests, Instant activeAt) {}
}
