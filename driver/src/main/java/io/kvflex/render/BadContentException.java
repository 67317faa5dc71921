package io.kvflex.render;

/**
 * A stored value that does not have the shape a format needs. Package-private and checked: the
 * renderer turns it into a {@link io.kvflex.errors.UserInputException} that names the object, the
 * format and the fix. The message completes a sentence about the value ("the value ...") and never
 * quotes any part of it.
 */
final class BadContentException extends Exception {
  private static final long serialVersionUID = 1L;

  BadContentException(String message) {
    super(message, null, false, false);
  }

  BadContentException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
