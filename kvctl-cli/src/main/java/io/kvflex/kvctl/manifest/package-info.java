/**
 * The manifest model every kvctl command shares: Kubernetes YAML/JSON read into immutable records
 * with a 1-based {@link io.kvflex.kvctl.manifest.Location} (file, line, column, Helm template) for
 * every key and value.
 *
 * <ul>
 *   <li>{@link io.kvflex.kvctl.manifest.InputCollector}: command-line arguments (files,
 *       directories, {@code -}) to {@link io.kvflex.kvctl.manifest.ManifestInput}s;
 *   <li>{@link io.kvflex.kvctl.manifest.ManifestReader}: inputs to {@link
 *       io.kvflex.kvctl.manifest.Manifests} (objects, {@code kind: List} expanded, pod specs,
 *       Secrets, and the documents that could not be used, with positions);
 *   <li>{@link io.kvflex.kvctl.manifest.Workload}: one pod spec (Pod, Deployment, StatefulSet,
 *       DaemonSet, ReplicaSet, Job, CronJob, ReplicationController, PodTemplate) with its pod
 *       labels and annotations, {@link io.kvflex.kvctl.manifest.FlexVolume}s (driver, options as
 *       {@link io.kvflex.kvctl.manifest.OptionEntry}s, secretRef, readOnly) and {@link
 *       io.kvflex.kvctl.manifest.VolumeMount}s;
 *   <li>{@link io.kvflex.kvctl.manifest.SecretObject}: a Secret's type and key names (never its
 *       values).
 * </ul>
 *
 * The YAML library (snakeyaml-engine) is confined to {@link
 * io.kvflex.kvctl.manifest.YamlDocuments}; everything else sees {@link
 * io.kvflex.kvctl.manifest.YNode} trees.
 */
package io.kvflex.kvctl.manifest;
