package io.kvflex.vault.http;

import java.io.IOException;

/**
 * An answer's headers arrived but its body did not arrive whole: the connection broke off, it
 * stalled, or the body is not the JSON it claims to be. An {@link IOException}, so retry policies
 * treat it like a connection reset and try again within the mount deadline. Its message holds only
 * counts and our own words, never body text.
 */
public final class BodyFailure extends IOException {
  /** What went wrong with the body. */
  public enum Kind {
    /** The connection was reset or closed before the body was complete. */
    BROKEN,
    /** No byte of the body arrived for the idle limit. */
    STALLED,
    /** The mount deadline came while the body was still arriving. */
    DEADLINE,
    /** The body is complete but is not well-formed JSON. */
    MALFORMED
  }

  private final Kind kind;
  private final long received;
  private final long expected;

  /**
   * @param received body bytes read before the failure
   * @param expected the Content-Length, or -1 when the answer did not announce one
   * @param cause the I/O failure underneath, if any
   */
  BodyFailure(Kind kind, long received, long expected, Throwable cause) {
    super(describe(kind, received, expected), cause);
    this.kind = kind;
    this.received = received;
    this.expected = expected;
  }

  public Kind kind() {
    return kind;
  }

  /** Body bytes read before the failure. */
  public long received() {
    return received;
  }

  /** The announced length, or -1. */
  public long expected() {
    return expected;
  }

  /** "after 48 of 97 bytes" (or "after 48 bytes" without a length). */
  public String progress() {
    return "after " + received + (expected >= 0 ? " of " + expected : "") + " bytes";
  }

  private static String describe(Kind kind, long received, long expected) {
    String of = received + (expected >= 0 ? " of " + expected : "") + " bytes";
    return switch (kind) {
      case BROKEN -> "the connection broke off after " + of + " of the body";
      case STALLED -> "the body stalled after " + of;
      case DEADLINE -> "the mount deadline came after " + of + " of the body";
      case MALFORMED -> "the body (" + received + " bytes) is not well-formed JSON";
    };
  }
}
