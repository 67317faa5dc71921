package io.kvflex.kvctl.manifest;

import java.util.Objects;

/**
 * One key of {@code flexVolume.options} as written.
 *
 * @param key option name
 * @param value the scalar text (for a non-scalar value, a short description of it)
 * @param type how Kubernetes reads the value; options are {@code map[string]string}, so anything
 *     but a string (an unquoted {@code true}, {@code 2579}) is rejected by the API server
 * @param keyLocation where the key is written
 * @param valueLocation where the value is written
 * @param pointer JSON pointer of the value inside its document
 */
public record OptionEntry(
    String key,
    String value,
    YNode.ScalarType type,
    boolean scalar,
    Location keyLocation,
    Location valueLocation,
    String pointer) {

  public OptionEntry {
    Objects.requireNonNull(key);
    Objects.requireNonNull(value);
    Objects.requireNonNull(type);
    Objects.requireNonNull(keyLocation);
    Objects.requireNonNull(valueLocation);
    Objects.requireNonNull(pointer);
  }

  /** True when the API server would accept the value as a string. */
  public boolean isString() {
    return scalar && type == YNode.ScalarType.STRING;
  }
}
