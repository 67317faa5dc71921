package io.kvflex.localvault.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed reads of JSON request bodies; wrong types are 400 BadParameter. */
final class Bodies {
  private Bodies() {}

  static Optional<String> string(Map<String, Object> body, String key) throws KvException {
    Object v = body.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof String s)) {
      throw KvException.badParameter("Property '" + key + "' must be a string.");
    }
    return Optional.of(s);
  }

  static Optional<Long> number(Map<String, Object> body, String key) throws KvException {
    Object v = body.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof Number n)) {
      throw KvException.badParameter("Property '" + key + "' must be a number.");
    }
    return Optional.of(n.longValue());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Map<String, Object> body, String key) throws KvException {
    Object v = body.get(key);
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw KvException.badParameter("Property '" + key + "' must be an object.");
    }
    return (Map<String, Object>) m;
  }

  static Optional<List<String>> strings(Map<String, Object> body, String key) throws KvException {
    Object v = body.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof List<?> l && l.stream().allMatch(String.class::isInstance)) {
      return Optional.of(l.stream().map(String.class::cast).toList());
    }
    throw KvException.badParameter("Property '" + key + "' must be an array of strings.");
  }

  static Optional<Map<String, String>> tags(Map<String, Object> body) throws KvException {
    Map<String, Object> raw = object(body, "tags");
    if (!body.containsKey("tags") || body.get("tags") == null) {
      return Optional.empty();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : raw.entrySet()) {
      if (!(e.getValue() instanceof String s)) {
        throw KvException.badParameter("Tag values must be strings.");
      }
      out.put(e.getKey(), s);
    }
    if (out.size() > 15) {
      throw KvException.badParameter("A maximum of 15 tags is allowed.");
    }
    return Optional.of(out);
  }

  /** {@code attributes.enabled}, if given. */
  static Optional<Boolean> enabled(Map<String, Object> body) throws KvException {
    Object v = object(body, "attributes").get("enabled");
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof Boolean b)) {
      throw KvException.badParameter("Property 'attributes.enabled' must be true or false.");
    }
    return Optional.of(b);
  }
}
