package io.kvflex.errors;

/**
 * Root of the small exception taxonomy. Subclasses say WHO must act; {@link ErrorKind} maps that to
 * exit codes and driver messages in one place. Messages are shown to users as they are, so they
 * must name the option, object or file and say what to do, and must never contain a secret value.
 */
public abstract sealed class KvflexException extends RuntimeException
    permits UserInputException, RemoteException, LocalWriteException, BugException {

  protected KvflexException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Who must act on this failure. */
  public abstract ErrorKind kind();
}
