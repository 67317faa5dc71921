package io.kvflex.agent;

import io.kvflex.errors.BugException;
import io.kvflex.errors.LocalWriteException;
import io.kvflex.mount.MountTable;
import io.kvflex.mount.Mounter;
import io.kvflex.mount.ProcessRunner;
import io.kvflex.mount.SystemMounter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The node agent's {@link Mounter}: the agent has no privilege to mount, so each mount syscall is
 * done by the call's launcher (root on the host) over the call's channel. The launcher runs only a
 * fixed set of operations, and only on two kinds of paths, which this class names symbolically:
 * {@code target} (the directory the kubelet gave that launcher: never a path the agent chooses) and
 * {@code staging/<name>} (a directory under {@code $RUN_DIR/staging}). Whether a directory is a
 * mount point is read locally: the host's mounts propagate into the agent's view.
 */
final class LauncherMounter implements Mounter {
  /** mount(8)/umount(8) of a tmpfs are quick; the in-process driver allows its tools as long. */
  static final Duration OP_TIMEOUT = Duration.ofSeconds(30);

  /** Runs one operation through the launcher and returns what it reported. */
  @FunctionalInterface
  interface Operations {
    Protocol.OpResult run(String verb, List<String> operands, Duration timeout) throws IOException;
  }

  private final Operations launcher;
  private final Path target;
  private final Path staging;
  private final Mounter local;

  /**
   * @param target the call's own mount directory (argument 1 of mount/unmount)
   * @param staging {@code $RUN_DIR/staging}
   * @param local reads the mount table ({@link SystemMounter#host()})
   */
  LauncherMounter(Operations launcher, Path target, Path staging, Mounter local) {
    this.launcher = launcher;
    this.target = target;
    this.staging = staging;
    this.local = local;
  }

  @Override
  public List<MountTable.Entry> stackAt(Path dir) {
    return local.stackAt(dir);
  }

  @Override
  public void mountTmpfs(Path dir, String source, long sizeBytes) {
    if (!source.matches("kvflex-[0-9a-f]{1,64}")) {
      throw new BugException(
          "the node agent names its tmpfs mounts kvflex-<hex>, not "
              + source
              + "; this is a kvflex defect, the details are in the driver log");
    }
    run(
        "tmpfs",
        List.of(operand(dir), source, String.valueOf(sizeBytes)),
        SystemMounter.mountFailed(dir));
  }

  @Override
  public void bind(Path from, Path to) {
    run("bind", List.of(operand(from), operand(to)), SystemMounter.bindFailed(to));
  }

  @Override
  public void unmount(Path dir) {
    run("umount", List.of(operand(dir)), SystemMounter.unmountFailed(dir));
  }

  private void run(String verb, List<String> operands, String what) {
    Protocol.OpResult result;
    try {
      result = launcher.run(verb, operands, OP_TIMEOUT);
    } catch (IOException e) {
      throw new LocalWriteException(
          what + ": the launcher did not carry out the operation (" + e.getMessage() + ")", e);
    }
    if (!result.ok()) {
      throw SystemMounter.failure(
          what, result.tool(), new ProcessRunner.Result(result.exitCode(), result.output()));
    }
  }

  /** {@code target} or {@code staging/<name>}; anything else is refused here already. */
  private String operand(Path dir) {
    Path d = dir.toAbsolutePath().normalize();
    if (d.equals(target.toAbsolutePath().normalize())) {
      return "target";
    }
    if (staging.equals(d.getParent())
        && d.getFileName().toString().matches("[A-Za-z0-9_-][A-Za-z0-9._-]*")) {
      return "staging/" + d.getFileName();
    }
    throw new BugException(
        "the node agent may ask its launcher to mount only the call's own directory or a staging"
            + " directory, not "
            + dir
            + "; this is a kvflex defect, the details are in the driver log");
  }
}
