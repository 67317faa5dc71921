package io.kvflex.errors;

/** A failure for which {@link ErrorKind#LOCAL_WRITE} must act. See {@link KvflexException}. */
public final class LocalWriteException extends KvflexException {

  public LocalWriteException(String message) {
    super(message, null);
  }

  public LocalWriteException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public ErrorKind kind() {
    return ErrorKind.LOCAL_WRITE;
  }
}
