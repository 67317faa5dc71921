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
 */
public record Location(String file, int line, int column, Optional<String> template) {

  public Location {
    Objects.requireNonNull(file);
    Objects.requireNonNull(template);
  }

  public static Location of(String file, int line, int column) {
    return new Location(file, line, column, Optional.empty());
  }

  /** {@code file:line:column}, the compiler-style prefix editors understand. */
  public String describe() {
    return file + ":" + line + ":" + column;
  }
}
