package io.kvflex.flexvolume.log;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Catches anything a library prints to {@code System.out} or {@code System.err} (SLF4J's "no
 * binding" notice, the Azure SDK's fallback logger) and turns each line into a log event, because
 * the kubelet parses the driver's stdout and stderr together as one JSON object.
 */
public final class StrayOutput extends OutputStream {
  private static final int MAX_LINE = 4096;
  private final EventLog log;
  private final String stream;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  private StrayOutput(EventLog log, String stream) {
    this.log = log;
    this.stream = stream;
  }

  /** A print stream that logs each line as event {@code stray.output}. */
  public static PrintStream printStream(EventLog log, String stream) {
    return new PrintStream(new StrayOutput(log, stream), true, StandardCharsets.UTF_8);
  }

  @Override
  public synchronized void write(int b) {
    if (b == '\n') {
      flushLine();
    } else if (line.size() < MAX_LINE) {
      line.write(b);
    }
  }

  /** Partial lines wait for their newline (PrintStream flushes after every write). */
  @Override
  public void flush() {}

  @Override
  public synchronized void close() {
    if (line.size() > 0) {
      flushLine();
    }
  }

  private void flushLine() {
    String text = line.toString(StandardCharsets.UTF_8).stripTrailing();
    line.reset();
    if (!text.isEmpty()) {
      log.warn("stray.output", "stream", stream, "text", text);
    }
  }
}
