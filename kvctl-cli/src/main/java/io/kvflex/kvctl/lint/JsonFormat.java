package io.kvflex.kvctl.lint;

import io.kvflex.kvctl.json.PrettyJson;
import io.kvflex.options.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Machine output with a stable, documented shape (README "kvctl lint", schemaVersion 1). Fields are
 * only ever added; absent values are {@code null}, never missing.
 */
final class JsonFormat {
  static final int SCHEMA_VERSION = 1;

  String render(LintReport report) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("schemaVersion", SCHEMA_VERSION);
    Map<String, Object> tool = new LinkedHashMap<>();
    tool.put("name", "kvctl");
    tool.put("version", report.toolVersion());
    root.put("tool", tool);
    List<Object> results = new ArrayList<>();
    for (Finding f : report.findings()) {
      results.add(result(f));
    }
    root.put("results", results);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("inputs", report.manifests().inputs().size());
    summary.put("documents", report.manifests().documentCount());
    summary.put("objects", report.manifests().objects().size());
    summary.put("podSpecs", report.manifests().workloads().size());
    summary.put("volumes", report.volumeCount());
    summary.put("errors", report.count(Severity.ERROR));
    summary.put("warnings", report.count(Severity.WARNING));
    summary.put("infos", report.count(Severity.INFO));
    summary.put("suppressed", report.suppressedCount());
    summary.put("failOn", report.failOn().label());
    summary.put("failed", report.failed());
    root.put("summary", summary);
    return PrettyJson.render(root);
  }

  private static Map<String, Object> result(Finding f) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("ruleId", f.rule().id());
    r.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
    r.put("message", f.message());
    r.put("file", f.location().file());
    r.put("line", f.location().line());
    r.put("column", f.location().column());
    r.put("template", f.location().template().orElse(null));
    r.put(
        "templateLine",
        f.location().template().isPresent() ? (Object) f.location().templateLine() : null);
    r.put("path", f.path());
    r.put(
        "object",
        f.object()
            .map(
                o -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("apiVersion", o.apiVersion());
                  m.put("kind", o.kind());
                  m.put("namespace", o.namespace().orElse(null));
                  m.put("name", o.name());
                  return (Object) m;
                })
            .orElse(null));
    r.put("volume", f.volume().orElse(null));
    r.put("suppressed", f.suppressed());
    r.put("suppressionReason", f.suppression().orElse(null));
    return r;
  }
}
