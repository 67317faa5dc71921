package io.kvflex.localvault.seed;

/**
 * A seed file (or a value given at runtime) is invalid; the message starts with {@code file:line:}.
 */
public final class SeedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SeedException(String message) {
    super(message);
  }

  public SeedException(String message, Throwable cause) {
    super(message, cause);
  }
}
