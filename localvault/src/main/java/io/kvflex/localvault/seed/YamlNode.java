package io.kvflex.localvault.seed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** A YAML node that knows where it came from, so every error says {@code file:line: message}. */
final class YamlNode {
  private final String source;
  private final Node node;
  private final String path;

  YamlNode(String source, Node node, String path) {
    this.source = source;
    this.node = node;
    this.path = path;
  }

  String path() {
    return path;
  }

  SeedException error(String message) {
    int line = node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    return new SeedException(source + ":" + line + ": " + path + ": " + message);
  }

  boolean isScalar() {
    return node instanceof ScalarNode;
  }

  boolean isSequence() {
    return node instanceof SequenceNode;
  }

  String scalar() {
    if (node instanceof ScalarNode s) {
      return s.getValue();
    }
    throw error("must be a single value");
  }

  List<YamlNode> items() {
    if (!(node instanceof SequenceNode seq)) {
      throw error("must be a list (lines starting with '- ')");
    }
    List<YamlNode> out = new ArrayList<>();
    for (int i = 0; i < seq.getValue().size(); i++) {
      out.add(new YamlNode(source, seq.getValue().get(i), path + "[" + i + "]"));
    }
    return out;
  }

  /** The mapping's entries; unknown keys are errors listing the allowed ones. */
  Map<String, YamlNode> fields(Set<String> allowed) {
    if (!(node instanceof MappingNode map)) {
      throw error("must be a mapping (key: value lines)");
    }
    Map<String, YamlNode> out = new LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      YamlNode key = new YamlNode(source, t.getKeyNode(), path);
      String name = key.scalar();
      String childPath = path.isEmpty() ? name : path + "." + name;
      if (!allowed.contains(name)) {
        throw key.error("unknown key '" + name + "'; allowed: " + String.join(", ", allowed));
      }
      if (out.put(name, new YamlNode(source, t.getValueNode(), childPath)) != null) {
        throw key.error("duplicate key '" + name + "'");
      }
    }
    return out;
  }

  static Optional<YamlNode> opt(Map<String, YamlNode> fields, String key) {
    return Optional.ofNullable(fields.get(key)).filter(n -> !n.isNull());
  }

  boolean isNull() {
    return node instanceof ScalarNode s && s.getTag().getValue().endsWith(":null");
  }

  static YamlNode required(YamlNode parent, Map<String, YamlNode> fields, String key) {
    return opt(fields, key).orElseThrow(() -> parent.error("missing required key '" + key + "'"));
  }

  boolean bool() {
    String v = scalar();
    return switch (v) {
      case "true", "True", "TRUE", "yes" -> true;
      case "false", "False", "FALSE", "no" -> false;
      default -> throw error("must be true or false, not '" + v + "'");
    };
  }

  long integer(long min, long max) {
    String v = scalar();
    long n;
    try {
      n = Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw error("must be a whole number, not '" + v + "'");
    }
    if (n < min || n > max) {
      throw error("must be between " + min + " and " + max + ", not " + n);
    }
    return n;
  }

  int smallInt(int min, int max) {
    return (int) integer(min, max);
  }

  double decimal(double min, double max) {
    String v = scalar();
    double d;
    try {
      d = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw error("must be a number, not '" + v + "'");
    }
    if (!(d >= min && d <= max)) {
      throw error("must be between " + min + " and " + max + ", not " + v);
    }
    return d;
  }

  /** A scalar or a list of scalars. */
  List<String> strings() {
    if (isScalar()) {
      return List.of(scalar());
    }
    List<String> out = new ArrayList<>();
    for (YamlNode item : items()) {
      out.add(item.scalar());
    }
    return out;
  }

  Map<String, String> stringMap() {
    if (!(node instanceof MappingNode map)) {
      throw error("must be a mapping (key: value lines)");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      String k = new YamlNode(source, t.getKeyNode(), path).scalar();
      out.put(k, new YamlNode(source, t.getValueNode(), path + "." + k).scalar());
    }
    return out;
  }
}
