package io.kvflex.kvctl.lint;

import io.kvflex.kvctl.json.PrettyJson;
import io.kvflex.options.Severity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run, every rule with its help
 * text (GitHub shows {@code help}, not {@code helpUri}), one result per finding with the exact
 * region and the object as a logical location; suppressed findings carry a {@code suppressions}
 * entry. Artifact URIs are the paths as given (relative paths stay relative, which keeps GitHub's
 * fingerprints stable); a rendered Helm stream is attributed to its {@code # Source:} template.
 */
final class SarifFormat {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

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

  private static Map<String, Object> result(Finding f, int ruleIndex) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ruleId", f.rule().id());
    m.put("ruleIndex", ruleIndex);
    m.put("level", level(f.severity()));
    m.put("message", Map.of("text", f.message()));
    Map<String, Object> region = new LinkedHashMap<>();
    region.put("startLine", f.location().line());
    region.put("startColumn", f.location().column());
    Map<String, Object> physical = new LinkedHashMap<>();
    physical.put("artifactLocation", Map.of("uri", uri(f)));
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
    f.location().template().ifPresent(t -> props.put("renderedFrom", f.location().file()));
    m.put("properties", props);
    return m;
  }

  /** The artifact URI: the template of a rendered stream, else the path; percent-encoded. */
  static String uri(Finding f) {
    String path = f.location().template().orElse(f.location().file());
    if (path.equals(io.kvflex.kvctl.manifest.ManifestInput.STDIN)) {
      path = "stdin";
    }
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
