package io.kvflex.errors;

/** A failure for which {@link ErrorKind#REMOTE} must act. See {@link KvflexException}. */
public final class RemoteException extends KvflexException {

  public RemoteException(String message) {
    super(message, null);
  }

  public RemoteException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public ErrorKind kind() {
    return ErrorKind.REMOTE;
  }
}
