package io.kvflex.kvctl;

import io.kvflex.kvctl.cli.CliContext;

/** Process entry point: the only place that calls {@link System#exit}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(KvctlCommand.run(CliContext.system(), args));
  }
}
