package io.kvflex.kvctl.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program the way the kubelet runs the driver (argv, a few environment variables, output
 * captured, a time limit) and returns what it printed. Output goes through files so a chatty child
 * never blocks on a full pipe.
 */
final class ChildProcess {
  record Result(int exitCode, String stdout, String stderr) {}

  private final Path scratch;

  ChildProcess(Path scratch) {
    this.scratch = scratch;
  }

  Result run(List<String> argv, Map<String, String> env, long timeoutSeconds) {
    try {
      Path out = Files.createTempFile(scratch, "out", ".txt");
      Path err = Files.createTempFile(scratch, "err", ".txt");
      ProcessBuilder pb =
          new ProcessBuilder(argv)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new DemoException(argv.get(0) + " did not finish within " + timeoutSeconds + " s");
      }
      Result r =
          new Result(
              p.exitValue(),
              Files.readString(out, StandardCharsets.UTF_8),
              Files.readString(err, StandardCharsets.UTF_8));
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
      return r;
    } catch (IOException e) {
      throw new DemoException("cannot run " + argv.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoException("interrupted while running " + argv.get(0));
    }
  }
}
