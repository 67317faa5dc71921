package io.kvflex.e2e.framework;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Acts as the kubelet on this machine. The driver is installed from the BUILT plugin folder by the
 * real {@code install.sh} into a plugin directory under the work dir; each mount writes the pod's
 * manifests, derives the options JSON from them with kvctl's kubelet builder, creates the mount
 * directory {@code <root>/var/lib/kubelet/pods/<uid>/volumes/azure~kv/<volume>} (mode 0750, as the
 * kubelet does) and execs {@code kv mount <dir> <json>} with the kubelet's environment. Mounts are
 * real tmpfs mounts (this needs root, which CI has).
 *
 * <p>Like the API server, it gives every pod it creates a UID of its own (per scenario, in the
 * mount directory and in {@code kubernetes.io/pod.uid}); kvctl's builder derives a stable one from
 * the manifest, which would make two scenarios' pods of the same name the same pod.
 *
 * <p>The node agent: the node's runtime directory is {@code <work>/node/run/kvflex} (every launcher
 * and the agent get it as {@code KVFLEX_RUN_DIR}); the agent, when running, is {@code kv agent}
 * from the installed plugin directory with its own driver log and hosts file (the in-process calls
 * of a scenario log into the scenario's). With {@code -Dkvflex.e2e.agent=true} every scenario
 * starts with an agent running; scenarios may start, stop, kill or freeze it, and each scenario
 * ends by restoring the run's default.
 *
 * <p>Not emulated: the kubelet's own ownership change after mount (the driver applies fsGroup
 * itself) and container start; the k3s backend covers the real kubelet.
 */
public final class HostBackend implements Backend {
  private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  private final E2eSettings settings;
  private final LocalVaultFixture vault;
  private final HostMounts mounts = new HostMounts();
  private Path pluginDir;
  private Path entryPoint;
  private Path scenarioDir;
  private Path kubeletRoot;
  private Path logFile;
  private Path hostsFile;
  private int manifestCount;
  private final Path nodeDir;
  private final Path runDir;
  private final Path agentLog;
  private final Path agentHosts;
  private NodeAgent agent;
  private Map<String, String> agentSettings = Map.of();
  private long agentLogStart;
  private final List<String> routes = new ArrayList<>();

  public HostBackend(E2eSettings settings, LocalVaultFixture vault) {
    this.settings = settings;
    this.vault = vault;
    this.nodeDir = settings.workRoot().resolve("node");
    this.runDir = nodeDir.resolve("run/kvflex");
    this.agentLog = nodeDir.resolve("var/log/kv-agent.log");
    this.agentHosts = nodeDir.resolve("agent-hosts");
    // A run that was killed may have left tmpfs mounts in the work dir; they would block a clean.
    mounts.release(settings.workRoot());
  }

  @Override
  public String name() {
    return "host";
  }

  @Override
  public Optional<String> unavailableReason() {
    return Optional.empty();
  }

  @Override
  public void startScenario(Path dir) {
    try {
      this.scenarioDir = Files.createDirectories(dir);
      this.kubeletRoot = Files.createDirectories(dir.resolve("var/lib/kubelet"));
      this.logFile = dir.resolve("kv-driver.log");
      this.hostsFile = dir.resolve("hosts");
      Files.copy(vault.hostsFile(), hostsFile);
      Files.createDirectories(agentHosts.getParent());
      Files.copy(vault.hostsFile(), agentHosts, StandardCopyOption.REPLACE_EXISTING);
      this.agentLogStart = Files.exists(agentLog) ? Files.size(agentLog) : 0;
      this.manifestCount = 0;
      synchronized (routes) {
        routes.clear();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void installDriver() {
    // One install per JVM: install.sh is idempotent, but each run starts a JVM to verify `kv init`.
    if (entryPoint == null) {
      Path dir =
          settings.workRoot().resolve("node/usr/libexec/kubernetes/kubelet-plugins/volume/exec");
      entryPoint =
          new DriverInstaller(settings.installScript(), settings.pluginFolder())
              .install(dir, Map.of("KVFLEX_JAVA", javaExecutable()));
      pluginDir = dir;
    }
    if (!Files.isExecutable(entryPoint)) {
      throw new IllegalStateException("the installed driver " + entryPoint + " disappeared");
    }
    if (settings.agent() && agent == null) {
      startAgent(Map.of());
    }
  }

  @Override
  public synchronized NodeAgent startAgent(Map<String, String> extraSettings) {
    stopAgent();
    Map<String, String> env = new HashMap<>();
    env.put("PATH", PATH);
    env.put("KVFLEX_JAVA", javaExecutable());
    env.put("KVFLEX_LOG_FILE", agentLog.toString());
    env.put("KVFLEX_HOSTS_FILE", agentHosts.toString());
    env.put("KVFLEX_RUN_DIR", runDir.toString());
    env.putAll(extraSettings);
    agent = NodeAgent.start(entryPoint, env);
    agentSettings = Map.copyOf(extraSettings);
    return agent;
  }

  @Override
  public synchronized Optional<NodeAgent> agent() {
    return Optional.ofNullable(agent);
  }

  @Override
  public synchronized void stopAgent() {
    if (agent != null) {
      agent.close();
      agent = null;
    }
  }

  @Override
  public Path runDir() {
    return runDir;
  }

  @Override
  public String agentLog() {
    try {
      if (!Files.exists(agentLog)) {
        return "";
      }
      byte[] all = Files.readAllBytes(agentLog);
      int from = (int) Math.min(agentLogStart, all.length);
      return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The run's default after every scenario: a healthy agent with default settings, or none. */
  private synchronized void restoreAgent() {
    boolean healthy =
        agent != null
            && agent.alive()
            && !agent.frozen()
            && agentSettings.isEmpty()
            && Files.exists(runDir.resolve("agent/ready"));
    if (settings.agent() && entryPoint != null && !healthy) {
      if (agent != null) {
        agent.kill();
        agent = null;
      }
      startAgent(Map.of());
    } else if (!settings.agent()) {
      if (agent != null) {
        agent.kill();
        agent = null;
      }
      // What a scenario published by hand (another protocol) or a killed agent left.
      for (String f : new String[] {"ready", "ready.stale"}) {
        try {
          Files.deleteIfExists(runDir.resolve("agent/" + f));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  @Override
  public String cloudEnvFile() {
    return vault.cloudEnvFile().toString();
  }

  @Override
  public void makeVaultUnreachable(String vaultHost) {
    // 127.0.0.2 is loopback too, but localvault listens on 127.0.0.1 only: connections are refused.
    // The agent re-reads its hosts file at every connection (kv agent with KVFLEX_HOSTS_FILE).
    for (Path file : List.of(hostsFile, agentHosts)) {
      try {
        String hosts = Files.readString(file, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        for (String line : hosts.split("\n", -1)) {
          out.append(line.endsWith(" " + vaultHost) ? "127.0.0.2 " + vaultHost : line).append('\n');
        }
        Files.writeString(file, out.toString().stripTrailing() + "\n", StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public void makeVaultReachable() {
    try {
      Files.copy(vault.hostsFile(), hostsFile, StandardCopyOption.REPLACE_EXISTING);
      Files.copy(vault.hostsFile(), agentHosts, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Mount mount(PodSpec pod) {
    String manifests = PodManifests.both(pod);
    Path file = writeManifest(pod, manifests);
    KubeletView kubelet = KubeletView.of(pod, file.toString(), manifests);
    String uid = podUid(pod);
    Path dir = kubeletRoot.resolve("pods/" + uid + "/volumes/azure~kv/" + pod.volume());
    try {
      Files.createDirectories(dir.getParent());
      if (!Files.exists(dir)) {
        Files.createDirectory(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    DriverReply reply = run("mount", dir.toString(), options(kubelet, uid));
    return new Mount(pod, dir.toString(), reply);
  }

  @Override
  public DriverReply mountAgain(Mount mount) {
    String manifests = PodManifests.both(mount.pod());
    KubeletView kubelet = KubeletView.of(mount.pod(), "again.yaml", manifests);
    return run("mount", mount.dir(), options(kubelet, podUid(mount.pod())));
  }

  /** The pod's UID in this scenario (stable within it, new in the next, as for real pods). */
  private String podUid(PodSpec pod) {
    return UUID.nameUUIDFromBytes(
            (scenarioDir + "|" + pod.namespace() + "/" + pod.name())
                .getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** The kubelet's options with its pod UID (kvctl's builder put its derived one there). */
  private static String options(KubeletView kubelet, String uid) {
    return kubelet.optionsJson().revealUtf8().replace(kubelet.podUid(), uid);
  }

  @Override
  public DriverReply unmount(Mount mount) {
    return run("unmount", mount.dir());
  }

  @Override
  public DriverReply call(String... args) {
    return run(args);
  }

  @Override
  public Optional<byte[]> read(Mount mount, String path) {
    Path file = Path.of(mount.dir()).resolve(path);
    try {
      return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Optional<FileFacts> stat(Mount mount, String path) {
    Path file = Path.of(mount.dir()).resolve(path);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      int mode = (Integer) Files.getAttribute(file, "unix:mode") & 07777;
      int gid = (Integer) Files.getAttribute(file, "unix:gid");
      return Optional.of(new FileFacts(mode, gid));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public boolean volumeDirExists(Mount mount) {
    return Files.exists(Path.of(mount.dir()), LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public List<String> leftovers(List<Mount> failed) {
    List<String> out = new ArrayList<>();
    mounts
        .under(kubeletRoot)
        .forEach(p -> out.add("mounted: " + p + " (" + mounts.describe(p) + ")"));
    for (Mount m : failed) {
      Path dir = Path.of(m.dir());
      if (Files.isDirectory(dir)) {
        try (Stream<Path> files = Files.list(dir)) {
          files.forEach(f -> out.add("left in the volume: " + f));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return out;
  }

  @Override
  public String driverLog() {
    return launcherLog() + agentLog();
  }

  @Override
  public String launcherLog() {
    try {
      return logFile != null && Files.exists(logFile)
          ? Files.readString(logFile, StandardCharsets.UTF_8)
          : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void finishScenario() {
    restoreAgent();
    if (kubeletRoot != null) {
      mounts.release(kubeletRoot);
    }
  }

  @Override
  public void close() {
    stopAgent();
    if (pluginDir != null) {
      mounts.release(settings.workRoot());
    }
  }

  @Override
  public List<String> routes() {
    synchronized (routes) {
      return List.copyOf(routes);
    }
  }

  /**
   * One kubelet call; records whether the node agent served it (its log gained an {@code
   * agent.call} line). Only meaningful for calls made one after the other.
   */
  private DriverReply run(String... args) {
    int agentBefore = agentLog().length();
    DriverReply reply = driver().run(args);
    boolean byAgent =
        agentLog()
            .substring(Math.min(agentBefore, agentLog().length()))
            .contains("event=agent.call ");
    synchronized (routes) {
      routes.add(byAgent ? "agent" : "in-process");
    }
    return reply;
  }

  private DriverProcess driver() {
    if (entryPoint == null) {
      throw new IllegalStateException(
          "the driver is not installed; start with the installation step");
    }
    Map<String, String> env = new HashMap<>();
    env.put("PATH", PATH);
    env.put("KVFLEX_JAVA", javaExecutable());
    env.put("KVFLEX_LOG_FILE", logFile.toString());
    env.put("KVFLEX_HOSTS_FILE", hostsFile.toString());
    env.put("KVFLEX_RUN_DIR", runDir.toString());
    return new DriverProcess(entryPoint, env);
  }

  private synchronized Path writeManifest(PodSpec pod, String text) {
    Path file = scenarioDir.resolve(String.format("pod-%02d-%s.yaml", ++manifestCount, pod.name()));
    try {
      return Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
