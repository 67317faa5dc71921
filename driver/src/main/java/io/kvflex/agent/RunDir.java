package io.kvflex.agent;

import io.kvflex.errors.LocalWriteException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * The runtime directory the launcher and the agent share ({@code KVFLEX_RUN_DIR}), root-only:
 *
 * <pre>
 * $RUN_DIR/                 0700, owned by the agent's user (root)
 *   agent/ready             published once the agent accepts calls: protocol, release, start, pid
 *   agent/ready.stale       a launcher's mark: the agent did not claim a call in time
 *   agent/new/&lt;call&gt;/       a call being prepared by its launcher (not watched)
 *   agent/calls/&lt;call&gt;/     an announced call: FIFOs {@code in}, {@code out} and the {@code offer}
 *   staging/&lt;name&gt;/         staging mount points the launcher may mount for the agent
 * </pre>
 *
 * The mode matters: whoever can write here can offer calls to the agent or answer a launcher, so an
 * existing directory owned by someone else is refused and looser modes are tightened.
 */
public record RunDir(Path root) {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rwx------");

  public Path agentDir() {
    return root.resolve("agent");
  }

  public Path ready() {
    return agentDir().resolve("ready");
  }

  public Path staleMark() {
    return agentDir().resolve("ready.stale");
  }

  public Path calls() {
    return agentDir().resolve("calls");
  }

  public Path preparing() {
    return agentDir().resolve("new");
  }

  public Path staging() {
    return root.resolve("staging");
  }

  /**
   * Creates the directories (mode 0700) or checks the existing ones: real directories (no symbolic
   * links) owned by this process's user.
   *
   * @throws LocalWriteException naming the directory and what is wrong with it
   */
  public RunDir prepare() {
    int me = owner(Path.of("/proc/self"));
    for (Path dir : List.of(root, agentDir(), calls(), preparing(), staging())) {
      try {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(dir);
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
          throw new LocalWriteException(
              dir + " must be a directory (not a file or a symbolic link); remove it");
        }
        if (owner(dir) != me) {
          throw new LocalWriteException(
              dir
                  + " belongs to another user; it must be the agent's own (root-only) directory:"
                  + " remove it or point KVFLEX_RUN_DIR elsewhere on both the agent and the nodes");
        }
        if (!Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY)) {
          Files.setPosixFilePermissions(dir, OWNER_ONLY);
        }
      } catch (IOException e) {
        throw new LocalWriteException("cannot prepare the run directory " + dir + ": " + e, e);
      }
    }
    return this;
  }

  private static int owner(Path path) {
    try {
      return (Integer) Files.getAttribute(path, "unix:uid");
    } catch (IOException e) {
      throw new LocalWriteException("cannot read the owner of " + path + ": " + e, e);
    }
  }
}
