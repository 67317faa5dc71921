package io.kvflex.kvctl;

import io.kvflex.engine.HttpSelectors;
import io.kvflex.kvctl.cli.CliContext;

/** Process entry point: the only place that calls {@link System#exit}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code = KvctlCommand.run(CliContext.system(), args);
    // fetch, check-access and demo leave JDK HTTP clients behind, whose selector threads would hold
    // the exit for 0.3 s (HttpSelectors); the command is done with them.
    HttpSelectors.stopAll(HttpSelectors.EXIT_WAIT);
    System.exit(code);
  }
}
