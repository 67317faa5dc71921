package io.kvflex.vault.http;

/**
 * An answer's body is larger than {@link BoundedBody#MAX_BYTES}: refused while reading (never
 * buffered whole), and not retried, since the same object would be as large again.
 */
public final class ResponseTooLarge extends RuntimeException {
  private final long limit;
  private final long announced;

  /**
   * @param announced the Content-Length when the server announced one, else -1
   */
  ResponseTooLarge(long limit, long announced) {
    super(describe(limit, announced), null, false, false);
    this.limit = limit;
    this.announced = announced;
  }

  /** "larger than the 256 KiB limit (1 MiB announced)" */
  public String size() {
    return describe(limit, announced);
  }

  private static String describe(long limit, long announced) {
    return "larger than the "
        + BoundedBody.describeBytes(limit)
        + " limit"
        + (announced >= 0 ? " (" + BoundedBody.describeBytes(announced) + " announced)" : "");
  }

  public long limit() {
    return limit;
  }

  /** The announced Content-Length, or -1 when the limit was hit while reading. */
  public long announced() {
    return announced;
  }
}
