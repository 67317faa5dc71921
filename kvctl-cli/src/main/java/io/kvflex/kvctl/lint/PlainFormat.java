package io.kvflex.kvctl.lint;

import io.kvflex.options.Severity;
import java.util.Locale;

/**
 * Human output, compiler style so editors and CI annotate it:
 *
 * <pre>
 * deploy.yaml:14:11: error: option keyvaultname "my_vault" is not ... [invalid-vault-name] (Deployment shop/web, volume kv)
 * </pre>
 *
 * then one summary line. Suppressed findings are not listed, only counted. ANSI colour only when
 * asked (a terminal without NO_COLOR).
 */
final class PlainFormat {
  private final boolean colour;

  PlainFormat(boolean colour) {
    this.colour = colour;
  }

  String render(LintReport report) {
    StringBuilder sb = new StringBuilder();
    for (Finding f : report.active()) {
      sb.append(paint("1", f.location().describe()))
          .append(": ")
          .append(severity(f.severity()))
          .append(": ")
          .append(f.message())
          .append(' ')
          .append(paint("2", "[" + f.rule().id() + "]"));
      String context = context(f);
      if (!context.isEmpty()) {
        sb.append(" (").append(context).append(')');
      }
      sb.append('\n');
    }
    sb.append(summary(report)).append('\n');
    return sb.toString();
  }

  private static String context(Finding f) {
    StringBuilder c = new StringBuilder();
    f.object().ifPresent(o -> c.append(o.describe()));
    f.volume().ifPresent(v -> c.append(c.length() > 0 ? ", " : "").append("volume ").append(v));
    f.location()
        .template()
        .ifPresent(t -> c.append(c.length() > 0 ? ", " : "").append("from ").append(t));
    return c.toString();
  }

  static String summary(LintReport r) {
    long errors = r.count(Severity.ERROR);
    long warnings = r.count(Severity.WARNING);
    long infos = r.count(Severity.INFO);
    String counts =
        errors + warnings + infos == 0
            ? "no findings"
            : plural(errors, "error")
                + ", "
                + plural(warnings, "warning")
                + ", "
                + plural(infos, "info");
    String suppressed = r.suppressedCount() == 0 ? "" : " (" + r.suppressedCount() + " suppressed)";
    return "kvctl lint: "
        + counts
        + suppressed
        + " in "
        + plural(r.manifests().documentCount(), "document")
        + " from "
        + plural(r.manifests().inputs().size(), "input")
        + " ("
        + plural(r.manifests().workloads().size(), "pod spec")
        + ", "
        + plural(r.volumeCount(), "azure/kv volume")
        + ")";
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  private String severity(Severity s) {
    String word = s.name().toLowerCase(Locale.ROOT);
    return switch (s) {
      case ERROR -> paint("1;31", word);
      case WARNING -> paint("1;33", word);
      case INFO -> paint("1;36", word);
    };
  }

  private String paint(String code, String text) {
    return colour ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
  }
}
