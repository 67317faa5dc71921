package io.kvflex.kvctl.manifest;

import java.util.Objects;
import java.util.Optional;

/**
 * One YAML document of an input: either a tree, or the reason it could not be read.
 *
 * @param index 0-based position of the document in its input
 * @param start where the document starts
 * @param root the parsed tree, empty when {@link #problem()} is set
 * @param problem why the document could not be parsed (syntax error, duplicate key, ...)
 * @param unrendered whether the document is a Helm template not yet rendered ({@code problem} then
 *     says so)
 */
public record ParsedDocument(
    int index, Location start, Optional<YNode> root, Optional<String> problem, boolean unrendered) {

  /** A parsed document, or one with a syntax problem. */
  public ParsedDocument(int index, Location start, Optional<YNode> root, Optional<String> problem) {
    this(index, start, root, problem, false);
  }

  public ParsedDocument {
    Objects.requireNonNull(start);
    Objects.requireNonNull(root);
    Objects.requireNonNull(problem);
    if (root.isPresent() == problem.isPresent()) {
      throw new IllegalArgumentException("exactly one of root and problem");
    }
  }
}
