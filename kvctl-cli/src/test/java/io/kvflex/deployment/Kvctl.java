package io.kvflex.deployment;

import io.kvflex.testsupport.ProcessRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the BUILT kvctl ({@code kvctl-cli/target/kvctl.jar}) the way the root launcher does (its JVM
 * flags, {@code -Dkvflex.home}, the hosts-file property), in a fresh JVM, as a user would.
 */
final class Kvctl {
  static final Path ROOT = ProcessRun.repoRoot();

  private Kvctl() {}

  static List<String> argv(List<String> jvmOptions, String... args) {
    List<String> argv = new ArrayList<>();
    argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    argv.add("-XX:+UseSerialGC");
    argv.add("-XX:TieredStopAtLevel=1");
    argv.add("-Dkvflex.home=" + ROOT);
    argv.addAll(jvmOptions);
    argv.add("-jar");
    argv.add(ROOT.resolve("kvctl-cli/target/kvctl.jar").toString());
    argv.addAll(List.of(args));
    return argv;
  }

  static ProcessRun run(Path dir, List<String> jvmOptions, String... args)
      throws IOException, InterruptedException {
    return ProcessRun.run(dir, Map.of(), argv(jvmOptions, args), 300);
  }
}
