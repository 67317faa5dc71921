package io.kvflex.kvctl.lint;

import io.kvflex.kvctl.json.PrettyJson;
import io.kvflex.options.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run, every rule with its help
 * text (GitHub shows {@code help}, not {@code helpUri}), one result per finding with the exact
 * region and the object as a logical location; suppressed findings carry a {@code suppressions}
 * entry. Artifact URIs are relative to the working directory (base id {@code SRCROOT}, declared in
 * {@code originalUriBaseIds}), which keeps GitHub's fingerprints stable across checkouts; a path
 * outside it becomes an absolute {@code file:} URI, never an absolute path posing as a relative
 * reference. A rendered Helm stream is attributed to its {@code # Source:} template, at the line
 * within the rendered template (the stream's own line is kept in the result's properties).
 */
final class SarifFormat {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String BASE_ID = "SRCROOT";

  private final Path workingDir;

  /** Paths are made relative to {@code workingDir}. */
  SarifFormat(Path workingDir) {
    this.workingDir = workingDir.toAbsolutePath().normalize();
  }

  String render(LintReport report) {
    List<Rule> rules = Rules.all();
    Map<String, Integer> index = new LinkedHashMap<>();
    List<Object> ruleObjects = new ArrayList<>();
    for (Rule r : rules) {
      index.put(r.id(), index.size());
      ruleObjects.add(rule(r));
    }
    Map<String, Object> driver = new LinkedHashMap<>();
    driver.put("name", "kvctl");
    driver.put("version", report.toolVersion());
    driver.put("rules", ruleObjects);
    List<Object> results = new ArrayList<>();
    for (Finding f : report.findings()) {
      results.add(result(f, index.get(f.rule().id())));
    }
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("tool", Map.of("driver", driver));
    run.put("originalUriBaseIds", Map.of(BASE_ID, Map.of("uri", workingDir.toUri().toString())));
    run.put("columnKind", "unicodeCodePoints");
    run.put("results", results);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("$schema", SCHEMA);
    root.put("version", "2.1.0");
    root.put("runs", List.of(run));
    return PrettyJson.render(root);
  }

  static String level(Severity s) {
    return switch (s) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
    };
  }

  private static Map<String, Object> rule(Rule r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("name", pascal(r.id()));
    m.put("shortDescription", Map.of("text", capitalise(r.summary())));
    m.put("fullDescription", Map.of("text", r.description()));
    Map<String, Object> help = new LinkedHashMap<>();
    help.put("text", r.description() + " Fix: " + r.fix());
    help.put(
        "markdown",
        "**" + capitalise(r.summary()) + "**\n\n" + r.description() + "\n\n**Fix:** " + r.fix());
    m.put("help", help);
    m.put("defaultConfiguration", Map.of("level", level(r.severity())));
    Map<String, Object> props = new LinkedHashMap<>();
    props.put(
        "tags",
        List.of("kubernetes", "keyvault", r.source().name().toLowerCase(java.util.Locale.ROOT)));
    m.put("properties", props);
    return m;
  }

  private Map<String, Object> result(Finding f, int ruleIndex) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ruleId", f.rule().id());
    m.put("ruleIndex", ruleIndex);
    m.put("level", level(f.severity()));
    m.put("message", Map.of("text", f.message()));
    boolean rendered = f.location().template().isPresent();
    Map<String, Object> region = new LinkedHashMap<>();
    region.put(
        "startLine", rendered ? Math.max(1, f.location().templateLine()) : f.location().line());
    region.put("startColumn", f.location().column());
    Map<String, Object> physical = new LinkedHashMap<>();
    physical.put("artifactLocation", artifact(f));
    physical.put("region", region);
    Map<String, Object> location = new LinkedHashMap<>();
    location.put("physicalLocation", physical);
    f.object()
        .ifPresent(
            o -> {
              Map<String, Object> logical = new LinkedHashMap<>();
              logical.put("name", o.name());
              logical.put("fullyQualifiedName", o.describe());
              logical.put("kind", "object");
              location.put("logicalLocations", List.of(logical));
            });
    m.put("locations", List.of(location));
    f.suppression()
        .ifPresent(
            why -> {
              Map<String, Object> s = new LinkedHashMap<>();
              s.put("kind", why.startsWith("annotation ") ? "inSource" : "external");
              s.put("justification", why);
              m.put("suppressions", List.of(s));
            });
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("path", f.path());
    f.volume().ifPresent(v -> props.put("volume", v));
    if (rendered) {
      props.put("renderedFrom", f.location().file());
      props.put("renderedLine", f.location().line());
    }
    m.put("properties", props);
    return m;
  }

  /**
   * The artifact: the template of a rendered stream (as Helm names it, relative to the chart's
   * parent), else the input relative to the working directory, else an absolute file URI.
   */
  Map<String, Object> artifact(Finding f) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (f.location().template().isPresent()) {
      m.put("uri", encode(f.location().template().get()));
      return m;
    }
    String file = f.location().file();
    if (file.equals(io.kvflex.kvctl.manifest.ManifestInput.STDIN)) {
      m.put("uri", "stdin");
      return m;
    }
    Path abs = workingDir.resolve(file).normalize();
    if (abs.startsWith(workingDir)) {
      m.put("uri", encode(workingDir.relativize(abs).toString()));
      m.put("uriBaseId", BASE_ID);
    } else {
      m.put("uri", abs.toUri().toString());
    }
    return m;
  }

  /** A relative URI reference: path characters kept, everything else percent-encoded. */
  static String encode(String path) {
    StringBuilder sb = new StringBuilder();
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-._~/".indexOf(c) >= 0) {
        sb.append(c);
      } else {
        sb.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return sb.toString();
  }

  private static String pascal(String id) {
    StringBuilder sb = new StringBuilder();
    for (String part : id.split("-")) {
      sb.append(capitalise(part));
    }
    return sb.toString();
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
