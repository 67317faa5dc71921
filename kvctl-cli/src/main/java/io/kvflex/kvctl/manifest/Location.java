package io.kvflex.kvctl.manifest;

import java.util.Objects;
import java.util.Optional;

/**
 * Where something is in the input, 1-based.
 *
 * @param file the input as the user named it: a path, or {@code <stdin>}
 * @param line 1-based line in {@code file}
 * @param column 1-based column in {@code file}
 * @param template the Helm template that produced this document, from its {@code # Source:} comment
 *     (only for rendered streams such as {@code helm template ... | kvctl lint -})
 * @param templateLine with a template: the line within the rendered template (1 is the line after
 *     its {@code # Source:} comment), the best guess at the template's own line; 0 without
 */
public record Location(
    String file, int line, int column, Optional<String> template, int templateLine) {

  public Location {
    Objects.requireNonNull(file);
    Objects.requireNonNull(template);
    if (template.isEmpty()) {
      templateLine = 0;
    }
  }

  /** A location in a file that is not a rendered template stream. */
  public Location(String file, int line, int column, Optional<String> template) {
    this(file, line, column, template, template.isPresent() ? line : 0);
  }

  public static Location of(String file, int line, int column) {
    return new Location(file, line, column, Optional.empty(), 0);
  }

  /** {@code file:line:column}, the compiler-style prefix editors understand. */
  public String describe() {
    return file + ":" + line + ":" + column;
  }
}
