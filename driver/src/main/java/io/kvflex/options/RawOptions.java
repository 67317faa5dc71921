package io.kvflex.options;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The kubelet's flat option map, read only by the parser. An absent key, and a key whose value is
 * empty or only whitespace, both read as absent (the legacy examples carry {@code ""}
 * placeholders).
 */
final class RawOptions {
  private final Map<String, String> map;

  RawOptions(Map<String, String> map) {
    // Sorted, so problems about unknown keys come out in a stable order.
    this.map = new TreeMap<>(map);
  }

  /** The trimmed value, or empty when the key is absent or blank. */
  Optional<String> text(String key) {
    String v = map.get(key);
    if (v == null || v.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(v.trim());
  }

  /** The value exactly as given (untrimmed), or empty when absent or blank. */
  Optional<String> untrimmed(String key) {
    String v = map.get(key);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
  }

  boolean present(String key) {
    return text(key).isPresent();
  }

  Iterable<String> keys() {
    return map.keySet();
  }
}
