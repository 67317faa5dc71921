package io.kvflex.errors;

/** A failure for which {@link ErrorKind#BUG} must act. See {@link KvflexException}. */
public final class BugException extends KvflexException {

  public BugException(String message) {
    super(message, null);
  }

  public BugException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public ErrorKind kind() {
    return ErrorKind.BUG;
  }
}
