package io.kvflex.errors;

/** A failure for which {@link ErrorKind#USER_INPUT} must act. See {@link KvflexException}. */
public final class UserInputException extends KvflexException {

  public UserInputException(String message) {
    super(message, null);
  }

  public UserInputException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public ErrorKind kind() {
    return ErrorKind.USER_INPUT;
  }
}
