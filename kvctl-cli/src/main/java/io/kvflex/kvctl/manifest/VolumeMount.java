package io.kvflex.kvctl.manifest;

import java.util.Objects;
import java.util.Optional;

/**
 * One {@code volumeMounts[]} entry of a container.
 *
 * @param container the container's name
 * @param initContainer whether the container is an init container
 * @param volume the {@code name} of the mounted volume
 * @param mountPath {@code mountPath}
 * @param readOnly {@code readOnly} when written
 * @param subPath {@code subPath} or {@code subPathExpr} when written
 * @param location where the mount's list item starts
 * @param pointer JSON pointer of the mount inside its document
 */
public record VolumeMount(
    String container,
    boolean initContainer,
    String volume,
    String mountPath,
    Optional<Boolean> readOnly,
    Optional<String> subPath,
    Location location,
    String pointer) {

  public VolumeMount {
    Objects.requireNonNull(container);
    Objects.requireNonNull(volume);
    Objects.requireNonNull(mountPath);
    Objects.requireNonNull(readOnly);
    Objects.requireNonNull(subPath);
    Objects.requireNonNull(location);
    Objects.requireNonNull(pointer);
  }
}
