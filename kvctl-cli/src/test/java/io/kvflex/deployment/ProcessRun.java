package io.kvflex.deployment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program as a user would and captures its exit code, stdout and stderr separately (files,
 * not pipes, so a chatty child never blocks). For black-box tests of scripts and launchers.
 */
public record ProcessRun(int exitCode, String stdout, String stderr) {

  /** Runs {@code command} in {@code dir} with {@code env} added to this process's environment. */
  public static ProcessRun run(Path dir, Map<String, String> env, List<String> command)
      throws IOException, InterruptedException {
    return run(dir, env, command, 600);
  }

  public static ProcessRun run(
      Path dir, Map<String, String> env, List<String> command, long timeoutSeconds)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("run-out", ".txt");
    Path err = Files.createTempFile("run-err", ".txt");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new AssertionError(
            command + " did not finish in " + timeoutSeconds + " s; stderr: " + read(err));
      }
      return new ProcessRun(p.exitValue(), read(out), read(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  /** For assertion messages. */
  public String describe() {
    return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
  }

  /** The repository root, handed in by Failsafe (or derived from the module directory). */
  public static Path repoRoot() {
    String root = System.getProperty("kvflex.root");
    Path p = root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
    return p.toAbsolutePath().normalize();
  }
}
