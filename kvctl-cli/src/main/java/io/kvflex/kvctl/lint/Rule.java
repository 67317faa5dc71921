package io.kvflex.kvctl.lint;

import io.kvflex.options.Severity;
import java.util.Objects;

/**
 * One lint rule: a stable id (used in output, annotations and {@code .kvctl.yaml}), its severity,
 * and the text of its documentation page ({@code kvctl rules --format markdown}).
 *
 * @param id stable kebab-case id; never changes meaning
 * @param severity default severity
 * @param source who checks it: the driver's option parser (the same code the driver runs), or kvctl
 *     on the whole manifest
 * @param summary one line: what is wrong
 * @param description why it matters
 * @param fix what to do
 */
public record Rule(
    String id, Severity severity, Source source, String summary, String description, String fix) {

  public Rule {
    Objects.requireNonNull(id);
    Objects.requireNonNull(severity);
    Objects.requireNonNull(source);
    Objects.requireNonNull(summary);
    Objects.requireNonNull(description);
    Objects.requireNonNull(fix);
  }

  /** Where a rule is implemented. */
  public enum Source {
    /** The YAML/JSON reader: documents that cannot be used. */
    DOCUMENT("input documents"),
    /** {@code io.kvflex.options.OptionsParser}: exactly what the driver rejects or warns about. */
    OPTIONS("driver option validation"),
    /** kvctl itself: needs the whole manifest (pod labels, mounts, Secrets, other volumes). */
    MANIFEST("manifest checks");

    private final String title;

    Source(String title) {
      this.title = title;
    }

    public String title() {
      return title;
    }
  }
}
