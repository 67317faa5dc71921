package io.kvflex.e2e.framework;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a scenario's pods run: {@link HostBackend} acts as the kubelet on this machine; {@link
 * K3sBackend} uses a real k3s cluster. Steps speak only to this interface, so one feature file runs
 * on both.
 */
public interface Backend extends AutoCloseable {

  /** {@code host} or {@code k3s}. */
  String name();

  /** Why scenarios cannot run on this backend here (e.g. no Docker engine), if they cannot. */
  Optional<String> unavailableReason();

  /** A new scenario: its own scratch directory, driver log and kubelet root. */
  void startScenario(Path scenarioDir);

  /** Installs the driver into the node's plugin directory with the real installer. */
  void installDriver();

  /** The {@code cloudenvfilename} option value: where the driver finds localvault's endpoints. */
  String cloudEnvFile();

  /** Makes the vault's host name resolve to an address where nothing listens (this scenario). */
  void makeVaultUnreachable(String vaultHost);

  /** Undoes {@link #makeVaultUnreachable}. */
  void makeVaultReachable();

  /**
   * (Re)starts the node's agent ({@code kv agent}) with the default settings plus {@code settings}
   * (its environment variables, e.g. {@code KVFLEX_AGENT_CONCURRENCY}); returns once it is ready.
   */
  NodeAgent startAgent(Map<String, String> settings);

  /** The node's agent, if one was started and not stopped. */
  Optional<NodeAgent> agent();

  /** Stops the node's agent (SIGTERM) if one runs. */
  void stopAgent();

  /** The node's runtime directory ({@code KVFLEX_RUN_DIR} of launchers and the agent). */
  Path runDir();

  /** What the node agent logged during this scenario. */
  String agentLog();

  /** What the scenario's kubelet calls logged themselves (in-process calls, launcher events). */
  String launcherLog();

  /**
   * For each kubelet call of this scenario, in order: {@code agent} when the node agent served it,
   * else {@code in-process} (meaningful for calls made one after the other).
   */
  List<String> routes();

  /** Creates the pod (manifests from {@code pod}); returns when the volume is mounted or failed. */
  Mount mount(PodSpec pod);

  /** Calls {@code kv mount} again for the same directory, as a retrying kubelet would. */
  DriverReply mountAgain(Mount mount);

  /** {@code kv unmount <dir>}, as the kubelet does when the pod goes away. */
  DriverReply unmount(Mount mount);

  /** Calls the installed driver with any verb ({@code init}, an unsupported verb). */
  DriverReply call(String... args);

  /** The bytes the pod sees at {@code path} in its volume, if that file exists. */
  Optional<byte[]> read(Mount mount, String path);

  /**
   * Every file of the volume's current {@code ..data} generation by name, read while {@code ..data}
   * pointed at that generation throughout; empty when it was swapped while they were read.
   */
  Optional<Map<String, byte[]>> readGeneration(Mount mount);

  /** Mode bits and group of a file in the volume, if it exists. */
  Optional<FileFacts> stat(Mount mount, String path);

  /** Whether the volume directory still exists. */
  boolean volumeDirExists(Mount mount);

  /** Mounts left under the scenario's kubelet root, plus files left in failed volumes. */
  List<String> leftovers(List<Mount> failed);

  /** The driver log of this scenario: its calls' and the node agent's (empty when none). */
  String driverLog();

  /** Cleans up the scenario (unmounts what is left, deletes pods). */
  void finishScenario();

  @Override
  void close();

  /** File facts as {@code stat} reports them. */
  record FileFacts(int mode, int gid) {
    public String octalMode() {
      return String.format("%04o", mode);
    }
  }
}
