package io.kvflex.mount;

import io.kvflex.errors.LocalWriteException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@link Mounter} over the host's {@code mount(8)} and {@code umount(8)} (the only host tools the
 * driver uses) and {@link MountTable}. Their argv never holds anything secret.
 */
public final class SystemMounter implements Mounter {
  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(30);
  private static final List<Path> TOOL_DIRS =
      List.of(Path.of("/usr/bin"), Path.of("/bin"), Path.of("/usr/sbin"), Path.of("/sbin"));

  private final ProcessRunner runner;
  private final MountTable table;

  public SystemMounter(ProcessRunner runner, MountTable table) {
    this.runner = runner;
    this.table = table;
  }

  /** The host's tools and this process's mount table. */
  public static SystemMounter host() {
    return new SystemMounter(
        new HostProcessRunner(), new MountTable(Path.of("/proc/self/mountinfo")));
  }

  /** The tmpfs options: no devices, no set-uid, no executables, a size cap, a 0755 root. */
  public static String tmpfsOptions(long sizeBytes) {
    return "nosuid,nodev,noexec,size=" + sizeBytes + ",mode=0755";
  }

  @Override
  public List<MountTable.Entry> stackAt(Path dir) {
    String real;
    try {
      real = dir.toRealPath().toString();
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new LocalWriteException("could not resolve " + dir + ": " + e.getMessage(), e);
    }
    try {
      return table.stackAt(real);
    } catch (IOException e) {
      throw new LocalWriteException(
          "could not read the mount table to check " + dir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void mountTmpfs(Path dir, String source, long sizeBytes) {
    check(
        List.of(
            tool("mount"), "-t", "tmpfs", "-o", tmpfsOptions(sizeBytes), source, dir.toString()),
        mountFailed(dir));
  }

  @Override
  public void bind(Path from, Path to) {
    check(List.of(tool("mount"), "--bind", from.toString(), to.toString()), bindFailed(to));
  }

  @Override
  public void unmount(Path dir) {
    check(List.of(tool("umount"), dir.toString()), unmountFailed(dir));
  }

  private void check(List<String> argv, String what) {
    ProcessRunner.Result result = runner.run(argv, TOOL_TIMEOUT);
    if (result.exitCode() != 0) {
      throw failure(what, argv.get(0), result);
    }
  }

  /**
   * The failure of a mount tool run for {@code what} (e.g. {@code could not mount a tmpfs at
   * /dir}), worded the same whoever ran the tool (this process, or the launcher for the node
   * agent).
   *
   * @param result the tool's exit code (negative: timed out) and combined output
   */
  public static LocalWriteException failure(String what, String tool, ProcessRunner.Result result) {
    String why =
        result.exitCode() < 0
            ? "timed out after " + TOOL_TIMEOUT.toSeconds() + "s"
            : "exit " + result.exitCode();
    String output = result.output().isEmpty() ? "" : ": " + result.output().replaceAll("\\s+", " ");
    return new LocalWriteException(what + ": " + tool + " " + why + output);
  }

  /** The message part of a failed tmpfs mount at {@code dir}. */
  public static String mountFailed(Path dir) {
    return "could not mount a tmpfs at " + dir;
  }

  /** The message part of a failed bind onto {@code to}. */
  public static String bindFailed(Path to) {
    return "could not bind the prepared volume onto " + to;
  }

  /** The message part of a failed unmount of {@code dir}. */
  public static String unmountFailed(Path dir) {
    return "could not unmount " + dir + " (is a process still using files in it?)";
  }

  /**
   * The kubelet's environment may have a minimal PATH; prefer the usual absolute locations and fall
   * back to the bare name.
   */
  static String tool(String name) {
    for (Path dir : TOOL_DIRS) {
      Path candidate = dir.resolve(name);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return name;
  }
}
