package io.kvflex.testsupport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The standard streams of an in-process entry point ({@code run(...)} of kvctl, localvault, the
 * driver's log): a given stdin, and stdout and stderr captured as UTF-8 text.
 */
public final class CapturedStreams {
  private final byte[] stdin;
  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  /** Empty stdin. */
  public CapturedStreams() {
    this("");
  }

  /** {@code stdin} as UTF-8. */
  public CapturedStreams(String stdin) {
    this.stdin = stdin.getBytes(StandardCharsets.UTF_8);
  }

  /** A fresh stream over the given stdin. */
  public InputStream in() {
    return new ByteArrayInputStream(stdin);
  }

  public PrintStream out() {
    return out;
  }

  public PrintStream err() {
    return err;
  }

  /** Everything written to {@link #out()} so far. */
  public String outText() {
    out.flush();
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  /** Everything written to {@link #err()} so far. */
  public String errText() {
    err.flush();
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  /** Forgets what was written so far, for a second run with the same streams. */
  public void reset() {
    out.flush();
    err.flush();
    outBytes.reset();
    errBytes.reset();
  }
}
