package io.kvflex.kvctl.manifest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A pod volume with a {@code flexVolume} source (any driver; rules decide which they care about).
 *
 * @param name {@code volumes[].name}
 * @param driver {@code flexVolume.driver} (empty when missing)
 * @param options {@code flexVolume.options} in written order
 * @param secretRef {@code flexVolume.secretRef.name} when present
 * @param readOnly {@code flexVolume.readOnly} when written
 * @param location where the volume's list item starts
 * @param pointer JSON pointer of the volume inside its document
 * @param optionsLocation where {@code options:} is written (or the flexVolume when absent)
 * @param secretRefLocation where {@code secretRef:} is written (or the volume when absent)
 * @param secretRefString the value when {@code secretRef} is written as a string ({@code secretRef:
 *     kvcreds}, as in some other tools' CRDs) instead of the object {@code {name: kvcreds}}: the
 *     API server rejects it
 */
public record FlexVolume(
    String name,
    String driver,
    Map<String, OptionEntry> options,
    Optional<String> secretRef,
    Optional<Boolean> readOnly,
    Location location,
    String pointer,
    Location optionsLocation,
    Location secretRefLocation,
    Optional<String> secretRefString) {

  /** The driver name this project implements. */
  public static final String AZURE_KV = "azure/kv";

  public FlexVolume {
    Objects.requireNonNull(name);
    Objects.requireNonNull(driver);
    options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    Objects.requireNonNull(secretRef);
    Objects.requireNonNull(readOnly);
    Objects.requireNonNull(location);
    Objects.requireNonNull(pointer);
    Objects.requireNonNull(optionsLocation);
    Objects.requireNonNull(secretRefLocation);
    Objects.requireNonNull(secretRefString);
  }

  public boolean isAzureKv() {
    return AZURE_KV.equals(driver);
  }

  /** The options as the kubelet would pass them: key → string value, written order. */
  public Map<String, String> optionValues() {
    Map<String, String> out = new LinkedHashMap<>();
    options.forEach((k, e) -> out.put(k, e.value()));
    return out;
  }

  /** Where the option is written, falling back to the options block. */
  public Location locationOf(String option) {
    OptionEntry e = options.get(option);
    return e == null ? optionsLocation : e.keyLocation();
  }
}
