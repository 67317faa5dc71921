package io.kvflex.kvctl.manifest;

import java.util.Objects;
import java.util.Optional;

/**
 * One input: its text, or why it has none.
 *
 * @param name how findings name it: the path as given (or found under a given directory), or {@code
 *     <stdin>}
 * @param text the whole content, decoded, without a byte-order mark (empty when {@code problem})
 * @param problem why the input could not be used as text (unreadable, not UTF-8, too large, a Helm
 *     chart), reported as a finding of this input while the others are still read
 */
public record ManifestInput(String name, String text, Optional<DocumentProblem> problem) {
  /** How standard input is named in findings. */
  public static final String STDIN = "<stdin>";

  public ManifestInput {
    Objects.requireNonNull(name);
    Objects.requireNonNull(text);
    Objects.requireNonNull(problem);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
  }

  /** A readable input. */
  public ManifestInput(String name, String text) {
    this(name, text, Optional.empty());
  }

  /** An input that could not be read, with the problem to report at {@code line:column}. */
  public static ManifestInput failed(
      String name, DocumentProblem.Kind kind, int line, int column, String message) {
    return new ManifestInput(
        name, "", Optional.of(new DocumentProblem(kind, Location.of(name, line, column), message)));
  }
}
