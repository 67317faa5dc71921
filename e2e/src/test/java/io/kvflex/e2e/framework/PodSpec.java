package io.kvflex.e2e.framework;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A pod with one {@code azure/kv} flexVolume, as a test describes it. It becomes a real Pod
 * manifest (plus the {@code secretRef} Secret manifest when {@code credentials} is present) that
 * both backends use: the host backend builds the kubelet's options from them, the k3s backend
 * applies them.
 *
 * @param namespace pod namespace
 * @param name pod name
 * @param volume volume name
 * @param options the volume's {@code flexVolume.options}, in order
 * @param credentials keys and bytes of the {@code secretRef} Secret (type {@code azure/kv})
 * @param fsGroup {@code spec.securityContext.fsGroup}
 */
public record PodSpec(
    String namespace,
    String name,
    String volume,
    Map<String, String> options,
    Optional<Map<String, byte[]>> credentials,
    OptionalLong fsGroup) {

  public PodSpec {
    Objects.requireNonNull(namespace);
    Objects.requireNonNull(name);
    Objects.requireNonNull(volume);
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    credentials = credentials.map(c -> Collections.unmodifiableMap(new LinkedHashMap<>(c)));
    Objects.requireNonNull(fsGroup);
  }

  /** The name of the Secret the volume's {@code secretRef} names. */
  public String secretName() {
    return name + "-kvcreds";
  }

  public PodSpec withOptions(Map<String, String> more) {
    Map<String, String> all = new LinkedHashMap<>(options);
    all.putAll(more);
    return new PodSpec(namespace, name, volume, all, credentials, fsGroup);
  }

  public PodSpec named(String namespace, String name) {
    return new PodSpec(namespace, name, volume, options, credentials, fsGroup);
  }

  public PodSpec withFsGroup(long group) {
    return new PodSpec(namespace, name, volume, options, credentials, OptionalLong.of(group));
  }

  @Override
  public String toString() {
    // Credentials are secret: only their keys are shown.
    return "PodSpec["
        + namespace
        + "/"
        + name
        + " volume "
        + volume
        + ", options="
        + options
        + ", secret keys="
        + credentials.map(Map::keySet).map(Object::toString).orElse("none")
        + "]";
  }
}
