package io.kvflex.agent;

import java.nio.file.Path;

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
 * The mode matters: whoever can write here can offer calls to the agent or answer a launcher, so a
 * directory owned by someone else or writable by others is refused.
 */
public record RunDir(Path root) {

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
   * Creates the directories (mode 0700) or checks the existing ones, with the driver's own rules
   * for its run directory ({@link io.kvflex.mount.RunDir}): real directories (no symbolic links)
   * owned by this process's user that nobody else may write to.
   *
   * @throws io.kvflex.errors.LocalWriteException naming the directory and what is wrong with it
   */
  public RunDir prepare() {
    io.kvflex.mount.RunDir run = new io.kvflex.mount.RunDir(root);
    run.staging();
    io.kvflex.mount.RunDir agent = new io.kvflex.mount.RunDir(run.dir("agent"));
    agent.dir("calls");
    agent.dir("new");
    return this;
  }
}
