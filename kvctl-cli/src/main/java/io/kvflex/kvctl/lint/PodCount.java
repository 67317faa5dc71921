package io.kvflex.kvctl.lint;

import io.kvflex.kvctl.manifest.KubeObject;
import io.kvflex.kvctl.manifest.YNode;
import java.util.List;
import java.util.Optional;

/**
 * How many pods of a workload run at once, as the manifest says: {@code spec.replicas} of the
 * replicated kinds, {@code parallelism} of Jobs and CronJobs (Kubernetes' default 1 when not
 * written or not a number, e.g. a Helm expression). A DaemonSet runs one pod per node, which a
 * manifest does not tell: it counts as {@link #ASSUMED_NODES} nodes, and says so.
 *
 * @param pods the pod count used in arithmetic
 * @param assumed true when the count is the DaemonSet assumption rather than written
 */
record PodCount(int pods, boolean assumed) {
  /** A DaemonSet's assumed node count: a mid-sized cluster (docs/rules.md says so). */
  static final int ASSUMED_NODES = 100;

  static PodCount of(KubeObject owner) {
    return switch (owner.kind()) {
      case "DaemonSet" -> new PodCount(ASSUMED_NODES, true);
      case "Deployment", "StatefulSet", "ReplicaSet", "ReplicationController" ->
          written(owner.root(), List.of("spec"), "replicas");
      case "Job" -> written(owner.root(), List.of("spec"), "parallelism");
      case "CronJob" ->
          written(owner.root(), List.of("spec", "jobTemplate", "spec"), "parallelism");
      default -> new PodCount(1, false);
    };
  }

  /**
   * e.g. {@code each of 3 pods}, {@code each of 100 pods (a DaemonSet: one per node, 100 nodes
   * assumed)}.
   */
  String describe() {
    String count = pods == 1 ? "its 1 pod" : "each of " + pods + " pods";
    return assumed
        ? count + " (a DaemonSet runs one per node; " + ASSUMED_NODES + " nodes assumed)"
        : count;
  }

  private static PodCount written(YNode.YMap root, List<String> path, String field) {
    Optional<YNode.YMap> at = Optional.of(root);
    for (String segment : path) {
      at = at.flatMap(m -> m.map(segment));
    }
    return at.flatMap(m -> m.scalar(field))
        .filter(s -> s.value().matches("[0-9]{1,6}"))
        .map(s -> new PodCount(Integer.parseInt(s.value()), false))
        .orElse(new PodCount(1, false));
  }
}
