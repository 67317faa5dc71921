package io.kvflex.kvctl.manifest;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code kind: Secret} found in the input. Only key NAMES are kept, never values.
 *
 * @param object the Secret object
 * @param type {@code type} when written (Kubernetes defaults to {@code Opaque})
 * @param keys the union of {@code data} and {@code stringData} key names
 */
public record SecretObject(KubeObject object, Optional<String> type, Set<String> keys) {
  public SecretObject {
    Objects.requireNonNull(object);
    Objects.requireNonNull(type);
    keys = Set.copyOf(keys);
  }
}
