package io.kvflex.kvctl.cli;

import picocli.CommandLine;

/** {@code kvctl --version} (and each command's {@code -V}): the build's version and commit. */
public final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return VersionCommand.lines(BuildInfo.current()).toArray(String[]::new);
  }

  /** e.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} when run outside a build. */
  public static String version() {
    return BuildInfo.current().version();
  }
}
