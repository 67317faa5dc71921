package io.kvflex.mount;

import io.kvflex.errors.LocalWriteException;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@link ProcessRunner} over {@link ProcessBuilder}; stdin is empty, output is captured. */
public final class HostProcessRunner implements ProcessRunner {
  private static final int MAX_OUTPUT = 2048;

  @Override
  public Result run(List<String> argv, Duration timeout) {
    Process process;
    try {
      process =
          new ProcessBuilder(argv)
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
    } catch (IOException e) {
      throw new LocalWriteException(
          "could not run " + argv.get(0) + ": " + e.getMessage() + "; is it installed on the node?",
          e);
    }
    // Read on a side thread so a command that hangs with its pipe open cannot outlive the timeout.
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    Thread reader = new Thread(() -> drain(process.getInputStream(), output), "process-output");
    reader.setDaemon(true);
    reader.start();
    try {
      boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        process.destroyForcibly();
      }
      reader.join(1000);
      String text;
      synchronized (output) {
        text = output.toString(StandardCharsets.UTF_8).strip();
      }
      return new Result(finished ? process.exitValue() : -1, text);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }

  private static void drain(InputStream in, ByteArrayOutputStream sink) {
    byte[] buffer = new byte[512];
    try (in) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        synchronized (sink) {
          int room = MAX_OUTPUT - sink.size();
          if (room > 0) {
            sink.write(buffer, 0, Math.min(room, n));
          }
        }
      }
    } catch (IOException e) {
      // The process died or was killed; what was read so far is the output.
    }
  }
}
