package io.kvflex.kvctl.access;

import io.kvflex.kvctl.json.PrettyJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --format json}: a stable lower-camel schema, {@code schemaVersion} 1. */
final class ReportJson {
  private ReportJson() {}

  static String render(AccessReport report) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("schemaVersion", 1);
    VaultInfo v = report.vault();
    Map<String, Object> vault = new LinkedHashMap<>();
    vault.put("name", v.name());
    vault.put("id", v.id());
    vault.put("tenantId", v.tenantId());
    vault.put("permissionModel", v.permissionModel());
    root.put("vault", vault);
    Principal p = report.principal();
    Map<String, Object> identity = new LinkedHashMap<>();
    identity.put("objectId", p.objectId());
    p.appId().ifPresent(a -> identity.put("appId", a));
    p.displayName().ifPresent(n -> identity.put("displayName", n));
    p.type().ifPresent(t -> identity.put("type", t));
    identity.put("resolvedBy", p.resolvedBy());
    root.put("identity", identity);
    List<Object> results = new ArrayList<>();
    for (ObjectResult r : report.results()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("object", r.label());
      o.put("type", r.ref().type().optionValue());
      o.put("name", r.ref().name());
      r.ref().version().ifPresent(ver -> o.put("version", ver));
      o.put("scope", r.scope());
      o.put("requires", r.requirement());
      o.put("verdict", r.verdict().name().toLowerCase(java.util.Locale.ROOT));
      o.put("evidence", r.evaluation().evidence());
      r.evaluation().fix().ifPresent(f -> o.put("fix", f));
      o.put("notes", r.evaluation().notes());
      r.probe()
          .ifPresent(
              pr -> {
                Map<String, Object> probe = new LinkedHashMap<>();
                probe.put("outcome", pr.outcome().name().toLowerCase(java.util.Locale.ROOT));
                probe.put("detail", pr.detail());
                r.probeAgrees().ifPresent(a -> probe.put("agrees", a));
                o.put("probe", probe);
              });
      results.add(o);
    }
    root.put("results", results);
    root.put("warnings", report.warnings());
    root.put("notes", report.notes());
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("allowed", report.count(Verdict.ALLOWED));
    summary.put("denied", report.count(Verdict.DENIED));
    summary.put("cannotTell", report.count(Verdict.CANNOT_TELL));
    summary.put("exitCode", report.exitCode());
    root.put("summary", summary);
    return PrettyJson.render(root);
  }
}
