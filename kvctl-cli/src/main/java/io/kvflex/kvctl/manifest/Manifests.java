package io.kvflex.kvctl.manifest;

import java.util.List;
import java.util.Optional;

/**
 * Everything kvctl read from its inputs: objects, the pod specs inside them, Secrets, and the
 * documents it could not use. Immutable; built by {@link ManifestReader}.
 *
 * @param inputs the inputs read, in order (file paths as given, {@code <stdin>})
 * @param documentCount number of non-empty documents read
 * @param objects every Kubernetes object ({@code kind: List} expanded)
 * @param workloads every pod spec (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job,
 *     CronJob, ReplicationController, PodTemplate)
 * @param secrets every {@code kind: Secret}
 * @param problems documents that could not be used
 */
public record Manifests(
    List<String> inputs,
    int documentCount,
    List<KubeObject> objects,
    List<Workload> workloads,
    List<SecretObject> secrets,
    List<DocumentProblem> problems) {

  public Manifests {
    inputs = List.copyOf(inputs);
    objects = List.copyOf(objects);
    workloads = List.copyOf(workloads);
    secrets = List.copyOf(secrets);
    problems = List.copyOf(problems);
  }

  /** The Secret named {@code name} in {@code namespace}, if the input holds it. */
  public Optional<SecretObject> secret(String namespace, String name) {
    return secrets.stream()
        .filter(s -> s.object().name().equals(name))
        .filter(s -> s.object().effectiveNamespace().equals(namespace))
        .findFirst();
  }

  /** Secrets named {@code name} in any namespace (to tell "exists but elsewhere"). */
  public List<SecretObject> secretsNamed(String name) {
    return secrets.stream().filter(s -> s.object().name().equals(name)).toList();
  }
}
