package io.kvflex.kvctl.manifest;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One Kubernetes object found in the input (a document, or an item of a {@code kind: List}).
 *
 * @param apiVersion as written
 * @param kind as written
 * @param namespace {@code metadata.namespace} when written (no default is assumed)
 * @param name {@code metadata.name}, or {@code metadata.generateName}, or empty
 * @param labels {@code metadata.labels} (string values only)
 * @param annotations {@code metadata.annotations} (string values only)
 * @param root the object's tree
 * @param pointer JSON pointer of the object inside its document ({@code ""}, or {@code /items/3})
 * @param documentIndex 0-based document index in its input
 */
public record KubeObject(
    String apiVersion,
    String kind,
    Optional<String> namespace,
    String name,
    Map<String, String> labels,
    Map<String, String> annotations,
    YNode.YMap root,
    String pointer,
    int documentIndex) {

  public KubeObject {
    Objects.requireNonNull(apiVersion);
    Objects.requireNonNull(kind);
    Objects.requireNonNull(namespace);
    Objects.requireNonNull(name);
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
    Objects.requireNonNull(root);
    Objects.requireNonNull(pointer);
  }

  public Location location() {
    return root.location();
  }

  /** e.g. {@code Deployment shop/web}, {@code Pod web} when no namespace is written. */
  public String describe() {
    return kind + " " + namespace.map(ns -> ns + "/").orElse("") + (name.isEmpty() ? "?" : name);
  }

  /** The namespace the object lands in when applied without {@code -n}: written one or default. */
  public String effectiveNamespace() {
    return namespace.orElse("default");
  }
}
