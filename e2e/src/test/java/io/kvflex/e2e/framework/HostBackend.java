package io.kvflex.e2e.framework;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Acts as the kubelet on this machine. The driver is installed from the BUILT plugin folder by the
 * real {@code install.sh} into a plugin directory under the work dir; each mount writes the pod's
 * manifests, derives the options JSON from them with kvctl's kubelet builder, creates the mount
 * directory {@code <root>/var/lib/kubelet/pods/<uid>/volumes/azure~kv/<volume>} (mode 0750, as the
 * kubelet does) and execs {@code kv mount <dir> <json>} with the kubelet's environment, UNLESS the
 * directory is already a mount point: then, like the kubelet's FlexVolume mounter, it does not call
 * the driver and takes the volume as set up. Mounts are real tmpfs mounts (this needs root, which
 * CI has). The driver's run directory is the scenario's own ({@code KVFLEX_RUN_DIR}).
 *
 * <p>Not emulated: the kubelet's own ownership change after mount (the driver applies fsGroup
 * itself) and container start; the k3s backend covers the real kubelet.
 */
public final class HostBackend implements Backend, NodeFaults {
  /** The driver's crash-point test hook (see the README's crash table). */
  private static final String CRASH_AT = "KVFLEX_TEST_CRASH_AT";

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

  public HostBackend(E2eSettings settings, LocalVaultFixture vault) {
    this.settings = settings;
    this.vault = vault;
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
      this.node = new HostNode(mounts, dir);
      this.legacyNode = new LegacyDriverNode(dir, node.runDir());
      this.scenarioEntryPoint = null;
      this.wrapper = List.of();
      this.manifestCount = 0;
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
    try {
      String hosts = Files.readString(hostsFile, StandardCharsets.UTF_8);
      StringBuilder out = new StringBuilder();
      for (String line : hosts.split("\n", -1)) {
        out.append(line.endsWith(" " + vaultHost) ? "127.0.0.2 " + vaultHost : line).append('\n');
      }
      Files.writeString(hostsFile, out.toString().stripTrailing() + "\n", StandardCharsets.UTF_8);
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
    return kubeletMount(new Target(Path.of(mount.dir()), kubelet), driver());
  }

  /** A pod's volume directory, created as the kubelet does, and the options it passes. */
  private record Target(Path dir, KubeletView kubelet) {}

  private Target target(PodSpec pod) {
    String manifests = PodManifests.both(pod);
    Path file = writeManifest(pod, manifests);
    KubeletView kubelet = KubeletView.of(pod, file.toString(), manifests);
    Path dir = volumeDir(kubelet.podUid(), pod.volume());
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
    return new Target(dir, kubelet);
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
    return driver.run("mount", t.dir().toString(), t.kubelet().optionsJson().revealUtf8());
  }

  @Override
  public Mount mountKilledAt(PodSpec pod, String step) {
    Target t = target(pod);
    return new Mount(pod, t.dir().toString(), kubeletMount(t, driver(Map.of(CRASH_AT, step))));
  }

  @Override
  public Mount mountKilledAfter(PodSpec pod, java.time.Duration delay) {
    Target t = target(pod);
    DriverReply reply =
        driver()
            .runKilledAfter(
                delay, "mount", t.dir().toString(), t.kubelet().optionsJson().revealUtf8());
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
    KubeletView kubelet = KubeletView.of(pod, writeManifest(pod, manifests).toString(), manifests);
    Path dir = volumeDir(kubelet.podUid(), pod.volume());
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
    return driver().run("unmount", mount.dir());
  }

  @Override
  public DriverReply call(String... args) {
    return driver().run(args);
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
    if (scenarioDir != null) {
      // The kubelet root, the run directory's staging mounts and anything a scenario planted.
      mounts.release(scenarioDir);
    }
  }

  @Override
  public void close() {
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
    env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
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
