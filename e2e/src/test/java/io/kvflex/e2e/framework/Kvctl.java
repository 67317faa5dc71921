package io.kvflex.e2e.framework;

import io.kvflex.kvctl.KvctlCommand;
import io.kvflex.kvctl.cli.CliContext;
import io.kvflex.testsupport.CapturedStreams;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs kvctl in this JVM through its real entry point ({@link KvctlCommand#run}), with its own
 * streams and working directory; vault host names resolve like the rest of the suite's (the JVM's
 * hosts file).
 */
public final class Kvctl {
  /** What one kvctl invocation did. */
  public record Result(int exitCode, String out, String err) {
    public String both() {
      return out + err;
    }
  }

  private Kvctl() {}

  public static Result run(Path workingDir, String... args) {
    CapturedStreams streams = new CapturedStreams();
    CliContext context =
        new CliContext(
            streams.in(), streams.out(), streams.err(), Map.of("NO_COLOR", "1"), workingDir, false);
    int code = KvctlCommand.run(context, args);
    return new Result(code, streams.outText(), streams.errText());
  }
}
