package io.kvflex.kvctl.demo;

/** A demo step that failed; the message says which and what to check. */
final class DemoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  DemoException(String message) {
    super(message, null, false, false);
  }
}
