package io.kvflex.render;

import java.util.Optional;

/**
 * A stored value that does not have the shape a format needs. Package-private and checked: the
 * renderer turns it into a {@link io.kvflex.errors.UserInputException} that names the object, the
 * format and the fix. The message completes a sentence about the value ("the value ...") and never
 * quotes any part of it. Most problems share the format's general fix; those with a more precise
 * one (a password-protected file, an encrypted key) carry it.
 */
final class BadContentException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String fix;

  BadContentException(String message) {
    this(message, (Throwable) null);
  }

  BadContentException(String message, Throwable cause) {
    super(message, cause, false, false);
    this.fix = null;
  }

  private BadContentException(String message, String fix) {
    super(message, null, false, false);
    this.fix = fix;
  }

  /** A problem with its own fix, a sentence shown instead of the format's general one. */
  static BadContentException withFix(String message, String fix) {
    return new BadContentException(message, fix);
  }

  /** The fix particular to this problem, if any. */
  Optional<String> fix() {
    return Optional.ofNullable(fix);
  }
}
