package io.kvflex.localvault.http;

/** The request body exceeds {@link Exchange#MAX_BODY}. */
public final class BodyTooLargeException extends Exception {
  private static final long serialVersionUID = 1L;
}
