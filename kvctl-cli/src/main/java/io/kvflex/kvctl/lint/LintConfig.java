package io.kvflex.kvctl.lint;

import io.kvflex.kvctl.manifest.ParsedDocument;
import io.kvflex.kvctl.manifest.YNode;
import io.kvflex.kvctl.manifest.YamlDocuments;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code .kvctl.yaml} configuration of lint:
 *
 * <pre>
 * rules:
 *   include: [rule-id, ...]   # when given, only these rules are reported
 *   exclude: [rule-id, ...]   # never reported
 * paths:
 *   include: [glob, ...]      # when given, only matching files are read from directories
 *   exclude: [glob, ...]      # files skipped while walking directories
 * </pre>
 *
 * Findings of rules left out by {@code rules} are reported as suppressed (and counted), not
 * dropped. Globs use Java's glob syntax ({@code **} crosses directories) against paths as kvctl
 * reports them.
 *
 * @param includeRules rule ids to report (empty: all)
 * @param excludeRules rule ids never to report
 * @param includePaths globs of files to read (empty: all)
 * @param excludePaths globs of files to skip
 */
public record LintConfig(
    Set<String> includeRules,
    Set<String> excludeRules,
    List<String> includePaths,
    List<String> excludePaths) {

  public static final LintConfig DEFAULT = new LintConfig(Set.of(), Set.of(), List.of(), List.of());

  /** The file names looked up in the working directory, in order. */
  public static final List<String> FILE_NAMES = List.of(".kvctl.yaml", ".kvctl.yml");

  public LintConfig {
    includeRules = Set.copyOf(includeRules);
    excludeRules = Set.copyOf(excludeRules);
    includePaths = List.copyOf(includePaths);
    excludePaths = List.copyOf(excludePaths);
  }

  /** Why a finding of {@code ruleId} is not reported, or empty when it is. */
  public Optional<String> suppressionOf(String ruleId, String source) {
    if (excludeRules.contains(ruleId)) {
      return Optional.of("excluded by " + source + " (rules.exclude)");
    }
    if (!includeRules.isEmpty() && !includeRules.contains(ruleId)) {
      return Optional.of("not in " + source + " rules.include");
    }
    return Optional.empty();
  }

  /** True when a file found in a directory walk should be skipped. */
  public boolean ignoresPath(String path) {
    Path p = Path.of(path);
    if (!includePaths.isEmpty() && includePaths.stream().noneMatch(g -> matcher(g).matches(p))) {
      return true;
    }
    return excludePaths.stream().anyMatch(g -> matcher(g).matches(p));
  }

  private static PathMatcher matcher(String glob) {
    return FileSystems.getDefault().getPathMatcher("glob:" + glob);
  }

  /** Parses a config file's text; {@link InvalidConfigException} names the key at fault. */
  public static LintConfig parse(String name, String text) {
    List<ParsedDocument> docs = new YamlDocuments().parse(name, text);
    if (docs.isEmpty()) {
      return DEFAULT;
    }
    ParsedDocument doc = docs.get(0);
    if (doc.problem().isPresent() || docs.size() > 1) {
      throw new InvalidConfigException(
          doc.start().describe()
              + ": "
              + doc.problem().orElse("a config file holds one YAML document"));
    }
    if (!(doc.root().orElseThrow() instanceof YNode.YMap root)) {
      throw new InvalidConfigException(doc.start().describe() + ": expected a mapping");
    }
    for (String key : root.entries().keySet()) {
      if (!key.equals("rules") && !key.equals("paths")) {
        throw new InvalidConfigException(
            root.keyLocation(key).describe() + ": unknown key " + key + " (use rules, paths)");
      }
    }
    List<String> include = list(root, "rules", "include");
    List<String> exclude = list(root, "rules", "exclude");
    for (String id : concat(include, exclude)) {
      if (Rules.byId(id).isEmpty()) {
        throw new InvalidConfigException(
            name + ": unknown rule id " + id + " (kvctl rules lists them)");
      }
    }
    return new LintConfig(
        Set.copyOf(include),
        Set.copyOf(exclude),
        list(root, "paths", "include"),
        list(root, "paths", "exclude"));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static List<String> list(YNode.YMap root, String section, String key) {
    Optional<YNode> sec = root.get(section);
    if (sec.isEmpty()) {
      return List.of();
    }
    if (!(sec.get() instanceof YNode.YMap m)) {
      throw new InvalidConfigException(
          sec.get().location().describe() + ": " + section + " must be a mapping");
    }
    for (String k : m.entries().keySet()) {
      if (!k.equals("include") && !k.equals("exclude")) {
        throw new InvalidConfigException(
            m.keyLocation(k).describe()
                + ": unknown key "
                + section
                + "."
                + k
                + " (use include, exclude)");
      }
    }
    Optional<YNode> v = m.get(key);
    if (v.isEmpty()) {
      return List.of();
    }
    if (!(v.get() instanceof YNode.YList l)) {
      throw new InvalidConfigException(
          v.get().location().describe() + ": " + section + "." + key + " must be a list");
    }
    List<String> out = new ArrayList<>();
    for (YNode item : l.items()) {
      if (!(item instanceof YNode.YScalar s)) {
        throw new InvalidConfigException(item.location().describe() + ": expected a string");
      }
      out.add(s.value());
    }
    return out;
  }

  /** A config file that does not have the documented shape (kvctl exits 2: usage error). */
  public static final class InvalidConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidConfigException(String message) {
      super("invalid lint configuration: " + message);
    }
  }
}
