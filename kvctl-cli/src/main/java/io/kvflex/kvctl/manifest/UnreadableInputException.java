package io.kvflex.kvctl.manifest;

/**
 * An input named on the command line could not be read (missing, unreadable, not a regular file or
 * directory, not UTF-8). kvctl commands exit 3 ("could not read input") on it. The message names
 * the input and says what to do.
 */
public final class UnreadableInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnreadableInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
