package io.kvflex.kvctl.manifest;

import java.util.Objects;

/**
 * A document or input that could not be used: unreadable, an unrendered template, invalid
 * YAML/JSON, or not a Kubernetes object.
 *
 * @param kind which of the two
 * @param location where (the syntax error's position, or the document start)
 * @param message what is wrong, in one line
 */
public record DocumentProblem(Kind kind, Location location, String message) {
  public DocumentProblem {
    Objects.requireNonNull(kind);
    Objects.requireNonNull(location);
    Objects.requireNonNull(message);
  }

  public enum Kind {
    /** The text is not valid YAML/JSON. */
    UNPARSABLE,
    /** Valid YAML, but no apiVersion/kind mapping. */
    NOT_KUBERNETES,
    /** The input cannot be read as text: missing, unreadable, not UTF-8, too large. */
    UNREADABLE,
    /** A Helm template or chart that must be rendered before it can be linted. */
    UNRENDERED
  }
}
