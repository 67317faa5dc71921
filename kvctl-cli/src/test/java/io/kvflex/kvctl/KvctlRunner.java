package io.kvflex.kvctl;

import io.kvflex.kvctl.cli.CliContext;
import io.kvflex.testsupport.CapturedStreams;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs kvctl in-process with captured streams (tests of every subcommand use it). */
public final class KvctlRunner {
  private Path workingDir = Path.of(".");
  private String stdin = "";
  private final Map<String, String> env = new HashMap<>();
  private boolean terminal;

  /** Result of one run. */
  public record Result(int exit, String out, String err) {}

  public KvctlRunner in(Path dir) {
    this.workingDir = dir;
    return this;
  }

  public KvctlRunner stdin(String text) {
    this.stdin = text;
    return this;
  }

  public KvctlRunner env(String key, String value) {
    env.put(key, value);
    return this;
  }

  public KvctlRunner terminal(boolean terminal) {
    this.terminal = terminal;
    return this;
  }

  public Result run(String... args) {
    CapturedStreams streams = new CapturedStreams(stdin);
    CliContext ctx =
        new CliContext(streams.in(), streams.out(), streams.err(), env, workingDir, terminal);
    int exit = KvctlCommand.run(ctx, args);
    return new Result(exit, streams.outText(), streams.errText());
  }
}
