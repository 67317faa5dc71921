package io.kvflex.kvctl.access;

import java.util.List;

/** The human-readable report: one row per object, its evidence, fix, notes and probe below it. */
final class ReportTable {
  private ReportTable() {}

  static String render(AccessReport report) {
    StringBuilder sb = new StringBuilder();
    VaultInfo v = report.vault();
    sb.append("vault:    ")
        .append(v.name())
        .append(" (")
        .append(v.rbac() ? "RBAC" : "access policies")
        .append(") ")
        .append(v.id())
        .append('\n');
    Principal p = report.principal();
    sb.append("identity: ")
        .append(p.describe())
        .append(", resolved by ")
        .append(p.resolvedBy())
        .append("\n\n");
    List<ObjectResult> results = report.results();
    int w1 =
        Math.max(
            "OBJECT".length(), results.stream().mapToInt(r -> r.label().length()).max().orElse(0));
    int w2 = "cannot tell".length();
    row(sb, w1, w2, "OBJECT", "VERDICT", "REQUIRES");
    for (ObjectResult r : results) {
      row(sb, w1, w2, r.label(), r.verdict().label(), r.requirement());
      Evaluation e = r.evaluation();
      e.evidence().forEach(line -> detail(sb, "evidence", line));
      e.fix().ifPresent(f -> detail(sb, "fix", f));
      e.notes().forEach(n -> detail(sb, "note", n));
      r.probe()
          .ifPresent(
              pr ->
                  detail(
                      sb,
                      "probe",
                      pr.outcome().name().toLowerCase(java.util.Locale.ROOT)
                          + ": "
                          + pr.detail()
                          + r.probeAgrees()
                              .map(a -> a ? " (agrees)" : " (DISAGREES with the verdict)")
                              .orElse("")));
    }
    if (!report.warnings().isEmpty() || !report.notes().isEmpty()) {
      sb.append('\n');
      report.warnings().forEach(wn -> sb.append("warning: ").append(wn).append('\n'));
      report.notes().forEach(n -> sb.append("note: ").append(n).append('\n'));
    }
    sb.append('\n')
        .append(report.count(Verdict.ALLOWED))
        .append(" allowed, ")
        .append(report.count(Verdict.DENIED))
        .append(" denied, ")
        .append(report.count(Verdict.CANNOT_TELL))
        .append(" cannot tell\n");
    return sb.toString();
  }

  private static void row(StringBuilder sb, int w1, int w2, String a, String b, String c) {
    sb.append(pad(a, w1)).append("  ").append(pad(b, w2)).append("  ").append(c).append('\n');
  }

  private static void detail(StringBuilder sb, String label, String text) {
    sb.append("  ").append(pad(label + ":", 10)).append(text).append('\n');
  }

  private static String pad(String s, int w) {
    return s.length() >= w ? s : s + " ".repeat(w - s.length());
  }
}
