package io.kvflex.e2e.framework;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
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
 * kubelet does) and execs {@code kv mount <dir> <json>} with the kubelet's environment, UNLESS the
 * directory is already a mount point: then, like the kubelet's FlexVolume mounter, it does not call
 * the driver and takes the volume as set up. Mounts are real tmpfs mounts (this needs root, which
 * CI has). The driver's run directory is the scenario's own ({@code KVFLEX_RUN_DIR}), or the run's
 * when the node agent runs for the whole run.
 *
 * <p>Like the API server, it gives every pod it creates a UID of its own (per scenario, in the
 * mount directory and in {@code kubernetes.io/pod.uid}); kvctl's builder derives a stable one from
 * the manifest, which would make two scenarios' pods of the same name the same pod (for the node
 * agent too, which keeps a pod identity's token per pod uid).
 *
 * <p>The node agent: with {@code -Dkvflex.e2e.agent=true} every scenario starts with {@code kv
 * agent} running (from the installed plugin directory, with the run directory {@code
 * <work>/node/run/kvflex} every launcher gets too, its own driver log and hosts file; the
 * scenario's in-process calls log into the scenario's). Scenarios may start, stop, kill or freeze
 * it; each scenario ends by restoring the run's default (an agent, or none).
 *
 * <p>Not emulated: the kubelet's own ownership change after mount (the driver applies fsGroup
 * itself) and container start; the k3s backend covers the real kubelet.
 */
public final class HostBackend implements Backend, NodeFaults {
  /** The driver's crash-point test hook (see the README's crash table). */
  private static final String CRASH_AT = "KVFLEX_TEST_CRASH_AT";

  private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private final E2eSettings settings;
  private final LocalVaultFixture vault;
  private final HostMounts mounts = new HostMounts();
  private Path pluginDir;
  private Path entryPoint;
  private Path scenarioEntryPoint;
  private LegacyDriverNode legacyNode;
  private Path scenarioDir;
  private Path kubeletRoot;
  private Path logFile;
  private Path hostsFile;
  private HostNode node;
  private List<String> wrapper = List.of();
  private int manifestCount;
  private final Path agentRunDir;
  private final Path agentLog;
  private final Path agentHosts;
  private NodeAgent agent;
  private Map<String, String> agentSettings = Map.of();
  private long agentLogStart;
  private final List<String> routes = new ArrayList<>();

  public HostBackend(E2eSettings settings, LocalVaultFixture vault) {
    this.settings = settings;
    this.vault = vault;
    Path nodeDir = settings.workRoot().resolve("node");
    this.agentRunDir = nodeDir.resolve("run/kvflex");
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
      // The run's agent and the scenario's launchers must share one run directory.
      this.node = new HostNode(mounts, dir, settings.agent() ? agentRunDir : dir.resolve("run"));
      this.legacyNode = new LegacyDriverNode(dir, node.runDir());
      this.scenarioEntryPoint = null;
      this.wrapper = List.of();
      this.manifestCount = 0;
      this.agentLogStart = Files.exists(agentLog) ? Files.size(agentLog) : 0;
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
      Path node = settings.workRoot().resolve("node");
      entryPoint =
          installer()
              .install(
                  dir,
                  DriverInstaller.environment(
                      javaExecutable(), node.resolve("run"), node.resolve("install-kv-driver.log")))
              .entryPoint();
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
    env.put("KVFLEX_RUN_DIR", runDir().toString());
    env.putAll(extraSettings);
    try {
      // The node's /run exists; the run directory itself is the agent's to create.
      Files.createDirectories(runDir().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
    return node.runDir();
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
            && Files.exists(agentRunDir.resolve("agent/ready"));
    if (settings.agent() && entryPoint != null && !healthy) {
      if (agent != null) {
        agent.kill();
        agent = null;
      }
      startAgent(Map.of());
    } else if (!settings.agent() && agent != null) {
      agent.kill();
      agent = null;
    }
  }

  private DriverInstaller installer() {
    return new DriverInstaller(settings.installScript(), settings.pluginFolder());
  }

  @Override
  public void installLegacyDriver() {
    legacyNode.install();
  }

  @Override
  public Mount mountByLegacyDriver(PodSpec pod, Map<String, String> files) {
    Target t = target(pod);
    legacyNode.mount(t.dir(), files);
    return new Mount(
        pod, t.dir().toString(), DriverReply.of(0, "{\"status\":\"Success\"}", Duration.ZERO));
  }

  @Override
  public String upgradeFromLegacyDriver() {
    DriverInstaller.Installed installed =
        legacyNode.upgrade(
            installer(), DriverInstaller.environment(javaExecutable(), node.runDir(), logFile));
    scenarioEntryPoint = installed.entryPoint();
    return installed.output();
  }

  @Override
  public List<String> adoptedMountPoints() {
    return legacyNode.adoptedMountPoints();
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
    Target t = target(pod);
    return new Mount(pod, t.dir().toString(), kubeletMount(t, driver()));
  }

  @Override
  public DriverReply mountAgain(Mount mount) {
    String manifests = PodManifests.both(mount.pod());
    KubeletView kubelet = KubeletView.of(mount.pod(), "again.yaml", manifests);
    return kubeletMount(
        new Target(Path.of(mount.dir()), options(kubelet, podUid(mount.pod()))), driver());
  }

  /** A pod's volume directory, created as the kubelet does, and the options JSON it passes. */
  private record Target(Path dir, String options) {}

  private Target target(PodSpec pod) {
    String manifests = PodManifests.both(pod);
    Path file = writeManifest(pod, manifests);
    KubeletView kubelet = KubeletView.of(pod, file.toString(), manifests);
    String uid = podUid(pod);
    Path dir = volumeDir(uid, pod.volume());
    try {
      Files.createDirectories(dir.getParent());
      if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectory(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Target(dir, options(kubelet, uid));
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

  private Path volumeDir(String podUid, String volume) {
    return kubeletRoot.resolve("pods/" + podUid + "/volumes/azure~kv/" + volume);
  }

  /**
   * The kubelet's FlexVolume SetUp: a directory that is already a mount point is taken as set up
   * without calling the driver (so a half-filled mount would be taken as done).
   */
  private DriverReply kubeletMount(Target t, DriverProcess driver) {
    if (!mounts.stackAt(t.dir()).isEmpty()) {
      return DriverReply.of(0, "{\"status\":\"Success\"}\n", java.time.Duration.ZERO);
    }
    return run(driver, null, "mount", t.dir().toString(), t.options());
  }

  @Override
  public Mount mountKilledAt(PodSpec pod, String step) {
    Target t = target(pod);
    if (agent().isPresent()) {
      // The call goes to the node agent: it is the agent that dies at the step (its launcher
      // answers for it); the scenario's end brings the run's agent back.
      startAgent(Map.of(CRASH_AT, step));
    }
    return new Mount(pod, t.dir().toString(), kubeletMount(t, driver(Map.of(CRASH_AT, step))));
  }

  @Override
  public Mount mountKilledAfter(PodSpec pod, java.time.Duration delay) {
    Target t = target(pod);
    DriverReply reply = run(driver(), delay, "mount", t.dir().toString(), t.options());
    return new Mount(pod, t.dir().toString(), reply);
  }

  @Override
  public List<Mount> mountAtOnce(PodSpec pod, int times) {
    Target t = target(pod);
    java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(times);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(times);
    try {
      List<java.util.concurrent.Future<Mount>> all = new ArrayList<>();
      for (int i = 0; i < times; i++) {
        all.add(
            pool.submit(
                () -> {
                  together.await();
                  return new Mount(pod, t.dir().toString(), kubeletMount(t, driver()));
                }));
      }
      List<Mount> out = new ArrayList<>();
      for (java.util.concurrent.Future<Mount> f : all) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  @Override
  public List<String> layers(Mount mount) {
    return node.layers(Path.of(mount.dir()));
  }

  @Override
  public Mount plant(PodSpec pod, Stray stray) {
    String manifests = PodManifests.both(pod);
    writeManifest(pod, manifests);
    Path dir = volumeDir(podUid(pod), pod.volume());
    node.plant(dir, stray);
    return new Mount(
        pod,
        dir.toString(),
        DriverReply.of(0, "{\"status\":\"Success\"}", java.time.Duration.ZERO));
  }

  @Override
  public boolean plantedIntact() {
    return node.plantedIntact();
  }

  @Override
  public void logThroughSymlinkTo(String content) {
    logFile = node.logThroughSymlinkTo(content);
  }

  @Override
  public boolean symlinkTargetUntouched(String content) {
    return node.symlinkTargetUntouched(content);
  }

  @Override
  public void limitDriverMemoryKib(long kib) {
    wrapper = List.of("/bin/sh", "-c", "ulimit -v " + kib + "; exec \"$0\" \"$@\"");
  }

  @Override
  public List<String> runDirLeftovers() {
    return node.runDirLeftovers();
  }

  @Override
  public DriverReply unmount(Mount mount) {
    return run(driver(), null, "unmount", mount.dir());
  }

  @Override
  public DriverReply call(String... args) {
    return run(driver(), null, args);
  }

  @Override
  public Optional<Map<String, byte[]>> readGeneration(Mount mount) {
    Path dir = Path.of(mount.dir());
    try {
      Path target = Files.readSymbolicLink(dir.resolve("..data"));
      Map<String, byte[]> files = new java.util.TreeMap<>();
      try (var names = Files.list(dir.resolve(target))) {
        for (Path f : names.toList()) {
          files.put(f.getFileName().toString(), Files.readAllBytes(f));
        }
      }
      boolean same = Files.readSymbolicLink(dir.resolve("..data")).equals(target);
      return same ? Optional.of(files) : Optional.empty();
    } catch (java.nio.file.NoSuchFileException swappedAndRemoved) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
  public List<String> routes() {
    synchronized (routes) {
      return List.copyOf(routes);
    }
  }

  /**
   * One kubelet call (killed after {@code killAfter} unless null); records whether the node agent
   * served it (its log gained an {@code agent.call} line). Only meaningful for calls made one after
   * the other.
   */
  private DriverReply run(DriverProcess driver, java.time.Duration killAfter, String... args) {
    int agentBefore = agentLog().length();
    DriverReply reply = driver.runKilledAfter(killAfter, args);
    String added = agentLog();
    boolean byAgent =
        added.substring(Math.min(agentBefore, added.length())).contains("event=agent.call ");
    synchronized (routes) {
      routes.add(byAgent ? "agent" : "in-process");
    }
    return reply;
  }

  @Override
  public void finishScenario() {
    restoreAgent();
    if (scenarioDir != null) {
      // The kubelet root, the run directory's staging mounts and anything a scenario planted.
      mounts.release(scenarioDir);
    }
  }

  @Override
  public void close() {
    stopAgent();
    if (pluginDir != null) {
      mounts.release(settings.workRoot());
    }
  }

  private DriverProcess driver() {
    return driver(Map.of());
  }

  private DriverProcess driver(Map<String, String> extra) {
    if (entryPoint == null) {
      throw new IllegalStateException(
          "the driver is not installed; start with the installation step");
    }
    Map<String, String> env = new HashMap<>();
    env.put("PATH", PATH);
    env.put("KVFLEX_JAVA", javaExecutable());
    env.put("KVFLEX_LOG_FILE", logFile.toString());
    env.put("KVFLEX_HOSTS_FILE", hostsFile.toString());
    env.put("KVFLEX_RUN_DIR", node.runDir().toString());
    env.putAll(extra);
    return new DriverProcess(
        scenarioEntryPoint != null ? scenarioEntryPoint : entryPoint, env, wrapper);
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
