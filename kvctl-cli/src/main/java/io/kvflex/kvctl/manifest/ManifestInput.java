package io.kvflex.kvctl.manifest;

import java.util.Objects;

/**
 * The text of one input.
 *
 * @param name how findings name it: the path as given (or found under a given directory), or {@code
 *     <stdin>}
 * @param text the whole content, UTF-8 decoded, without a byte-order mark
 */
public record ManifestInput(String name, String text) {
  /** How standard input is named in findings. */
  public static final String STDIN = "<stdin>";

  public ManifestInput {
    Objects.requireNonNull(name);
    Objects.requireNonNull(text);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
  }
}
