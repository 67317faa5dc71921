package io.kvflex.kvctl.manifest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable YAML/JSON node with its position. The rest of kvctl sees only this tree, never the
 * YAML library's types, so the parser can change without touching rules.
 */
public sealed interface YNode permits YNode.YMap, YNode.YList, YNode.YScalar {

  /** Where the node starts. */
  Location location();

  /** A mapping; keys are strings (non-scalar keys are rejected at load), order preserved. */
  record YMap(Map<String, Entry> entries, Location location) implements YNode {
    public YMap {
      entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
      Objects.requireNonNull(location);
    }

    public Optional<YNode> get(String key) {
      return Optional.ofNullable(entries.get(key)).map(Entry::value);
    }

    public Optional<YMap> map(String key) {
      return get(key).filter(YMap.class::isInstance).map(YMap.class::cast);
    }

    public Optional<YList> list(String key) {
      return get(key).filter(YList.class::isInstance).map(YList.class::cast);
    }

    public Optional<YScalar> scalar(String key) {
      return get(key).filter(YScalar.class::isInstance).map(YScalar.class::cast);
    }

    /** The scalar text at {@code key}, if present and scalar (and not null). */
    public Optional<String> string(String key) {
      return scalar(key).filter(s -> !s.isNull()).map(YScalar::value);
    }

    /** Where {@code key} itself is written, or this map's location. */
    public Location keyLocation(String key) {
      Entry e = entries.get(key);
      return e == null ? location : e.keyLocation();
    }

    /** A map of scalar string values (labels, annotations, Secret data); others are skipped. */
    public Map<String, String> stringMap(String key) {
      Map<String, String> out = new LinkedHashMap<>();
      map(key)
          .ifPresent(
              m ->
                  m.entries()
                      .forEach(
                          (k, e) -> {
                            if (e.value() instanceof YScalar s && !s.isNull()) {
                              out.put(k, s.value());
                            }
                          }));
      return java.util.Collections.unmodifiableMap(out);
    }
  }

  /** A key/value pair of a mapping with the key's own position. */
  record Entry(String key, Location keyLocation, YNode value) {}

  /** A sequence. */
  record YList(List<YNode> items, Location location) implements YNode {
    public YList {
      items = List.copyOf(items);
      Objects.requireNonNull(location);
    }

    /** The items that are mappings, with their index (non-map items are skipped). */
    public List<Indexed<YMap>> maps() {
      java.util.ArrayList<Indexed<YMap>> out = new java.util.ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        if (items.get(i) instanceof YMap m) {
          out.add(new Indexed<>(i, m));
        }
      }
      return out;
    }
  }

  /** A list item with its index (for JSON-pointer paths). */
  record Indexed<T>(int index, T value) {}

  /**
   * A scalar.
   *
   * @param value the text as written (without quotes)
   * @param type what Kubernetes (YAML 1.1 resolution, as its decoder does) reads it as: a plain
   *     {@code true}/{@code yes}/{@code 2579} is not a string, a quoted one is
   */
  record YScalar(String value, ScalarType type, Location location) implements YNode {
    public YScalar {
      Objects.requireNonNull(value);
      Objects.requireNonNull(type);
      Objects.requireNonNull(location);
    }

    public boolean isNull() {
      return type == ScalarType.NULL;
    }
  }

  /** How a scalar resolves; anything but STRING is rejected where Kubernetes wants a string. */
  enum ScalarType {
    STRING,
    BOOLEAN,
    INTEGER,
    FLOAT,
    NULL;

    private static final java.util.regex.Pattern BOOL_TEXT =
        java.util.regex.Pattern.compile(
            "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
    private static final java.util.regex.Pattern INT_TEXT =
        java.util.regex.Pattern.compile(
            "[-+]?(0b[01_]+|0[0-7_]+|(0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+|[1-9][0-9_]*(:[0-5]?[0-9])+)");
    private static final java.util.regex.Pattern FLOAT_TEXT =
        java.util.regex.Pattern.compile(
            "[-+]?([0-9][0-9_]*)?\\.[0-9.]*([eE][-+][0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

    /**
     * YAML 1.1 resolution of a plain (unquoted) scalar, as Kubernetes' YAML decoder applies it;
     * quoted scalars are always strings.
     */
    public static ScalarType resolve(String text, boolean plain) {
      if (!plain) {
        return STRING;
      }
      if (text.isEmpty()
          || text.equals("~")
          || text.equals("null")
          || text.equals("Null")
          || text.equals("NULL")) {
        return NULL;
      }
      if (BOOL_TEXT.matcher(text).matches()) {
        return BOOLEAN;
      }
      if (INT_TEXT.matcher(text).matches()) {
        return INTEGER;
      }
      if (FLOAT_TEXT.matcher(text).matches()) {
        return FLOAT;
      }
      return STRING;
    }
  }
}
