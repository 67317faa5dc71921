package io.kvflex.kvctl.access;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads ARM/Graph JSON (azure-json, untyped) and navigates it without unchecked casts leaking. */
final class Json {
  private Json() {}

  /** Parses a JSON document; empty or blank text is an empty object. */
  static Object parse(String text) throws IOException {
    if (text == null || text.isBlank()) {
      return Map.of();
    }
    try (JsonReader reader = JsonProviders.createReader(text)) {
      reader.nextToken();
      return reader.readUntyped();
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> obj(Object node) {
    return node instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  static Map<String, Object> obj(Map<String, Object> node, String key) {
    return obj(node.get(key));
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Map<String, Object> node, String key) {
    return node.get(key) instanceof List<?> l ? (List<Object>) l : List.of();
  }

  static List<String> strings(Map<String, Object> node, String key) {
    return list(node, key).stream()
        .filter(String.class::isInstance)
        .map(String.class::cast)
        .toList();
  }

  static Optional<String> str(Map<String, Object> node, String key) {
    return node.get(key) instanceof String s && !s.isEmpty() ? Optional.of(s) : Optional.empty();
  }

  static Optional<Boolean> bool(Map<String, Object> node, String key) {
    return node.get(key) instanceof Boolean b ? Optional.of(b) : Optional.empty();
  }
}
