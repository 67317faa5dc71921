package io.kvflex.e2e.framework;

import io.kvflex.testsupport.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;

/**
 * Runs scenarios on a real k3s cluster ({@link K3sCluster}, started on first use): the pod's
 * manifests are applied with kubectl, the real kubelet calls the driver the DaemonSet installed,
 * and files are read with {@code kubectl exec}. Needs a Docker engine; without one {@link
 * #unavailableReason()} says so and every scenario is skipped.
 *
 * <p>Verbs the kubelet never lets a test call directly (a second {@code mount} for the same
 * directory, {@code unmount} on its own) and host-only fault injection are not offered here; the
 * scenarios using them are not tagged {@code @k3s}.
 */
public final class K3sBackend implements Backend {
  private static final Duration POD_READY = Duration.ofSeconds(120);

  private final E2eSettings settings;
  private final LocalVaultFixture vault;
  private K3sCluster cluster;
  private final Set<String> namespaces = new HashSet<>();
  private final List<PodSpec> pods = new ArrayList<>();

  public K3sBackend(E2eSettings settings, LocalVaultFixture vault) {
    this.settings = settings;
    this.vault = vault;
  }

  /** Why there is no Docker engine to run k3s on, or empty when one answers. */
  public static Optional<String> dockerProblem() {
    try {
      if (DockerClientFactory.instance().isDockerAvailable()) {
        return Optional.empty();
      }
    } catch (RuntimeException e) {
      return Optional.of("k3s backend: no Docker engine answers (" + e.getMessage() + ")");
    }
    return Optional.of(
        "k3s backend: no Docker engine answers here (Testcontainers found none), so there is no"
            + " cluster to run this scenario on; run on a Docker host to execute it");
  }

  @Override
  public String name() {
    return "k3s";
  }

  @Override
  public Optional<String> unavailableReason() {
    return dockerProblem();
  }

  @Override
  public void startScenario(Path scenarioDir) {
    namespaces.clear();
    pods.clear();
  }

  @Override
  public synchronized void installDriver() {
    if (cluster == null) {
      cluster = K3sCluster.start(settings, vault);
    }
  }

  @Override
  public String cloudEnvFile() {
    return K3sCluster.NODE_ENV_DIR + "/cloud-env.json";
  }

  @Override
  public void makeVaultUnreachable(String vaultHost) {
    throw hostOnly("an unreachable vault");
  }

  @Override
  public void makeVaultReachable() {
    throw hostOnly("an unreachable vault");
  }

  @Override
  public NodeAgent startAgent(Map<String, String> settings) {
    throw hostOnly("controlling the node agent");
  }

  @Override
  public Optional<NodeAgent> agent() {
    return Optional.empty();
  }

  @Override
  public void stopAgent() {
    // The installer pod's agent belongs to the cluster.
  }

  @Override
  public Path runDir() {
    throw hostOnly("the node's runtime directory");
  }

  @Override
  public String agentLog() {
    return "";
  }

  @Override
  public String launcherLog() {
    return driverLog();
  }

  @Override
  public List<String> routes() {
    throw hostOnly("telling which way a call went");
  }

  @Override
  public Mount mount(PodSpec pod) {
    ensureNamespace(pod.namespace());
    pods.add(pod);
    cluster.copy(PodManifests.both(pod), "/tmp/pod.yaml");
    cluster.kubectl("apply", "-f", "/tmp/pod.yaml");
    long start = System.nanoTime();
    ExecResult ready =
        cluster.kubectlResult(
            "-n",
            pod.namespace(),
            "wait",
            "--for=condition=Ready",
            "pod/" + pod.name(),
            "--timeout=" + POD_READY.toSeconds() + "s");
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    if (ready.getExitCode() == 0) {
      return new Mount(pod, pod.name(), DriverReply.of(0, "{\"status\":\"Success\"}", took));
    }
    // The kubelet reports a failed driver call as a FailedMount event carrying the message.
    String events =
        cluster
            .kubectlResult(
                "-n",
                pod.namespace(),
                "get",
                "events",
                "--field-selector",
                "involvedObject.name=" + pod.name() + ",reason=FailedMount",
                "-o",
                "jsonpath={.items[*].message}")
            .getStdout();
    String message = events.isBlank() ? "pod not ready: " + ready.getStderr() : events.strip();
    return new Mount(
        pod,
        pod.name(),
        DriverReply.of(
            1, Json.write(java.util.Map.of("status", "Failure", "message", message)), took));
  }

  @Override
  public DriverReply mountAgain(Mount mount) {
    throw hostOnly("calling mount twice for one directory");
  }

  @Override
  public DriverReply unmount(Mount mount) {
    throw hostOnly("calling unmount directly");
  }

  @Override
  public DriverReply call(String... args) {
    String[] argv = new String[args.length + 1];
    argv[0] = K3sCluster.PLUGIN_DIR + "/azure~kv/kv";
    System.arraycopy(args, 0, argv, 1, args.length);
    long start = System.nanoTime();
    ExecResult r = cluster.exec(argv);
    return DriverReply.of(
        r.getExitCode(),
        r.getStdout() + r.getStderr(),
        Duration.ofNanos(System.nanoTime() - start));
  }

  @Override
  public Optional<Map<String, byte[]>> readGeneration(Mount mount) {
    // Rotation is shown on the host backend (its scenarios are not @k3s).
    throw new UnsupportedOperationException("reading a ..data generation is host-backend only");
  }

  @Override
  public Optional<byte[]> read(Mount mount, String path) {
    ExecResult r = podExec(mount, "base64", PodManifests.MOUNT_PATH + "/" + path);
    if (r.getExitCode() != 0) {
      return Optional.empty();
    }
    return Optional.of(Base64.getMimeDecoder().decode(r.getStdout().strip()));
  }

  @Override
  public Optional<FileFacts> stat(Mount mount, String path) {
    ExecResult r =
        podExec(mount, "stat", "-L", "-c", "%a %g", PodManifests.MOUNT_PATH + "/" + path);
    if (r.getExitCode() != 0) {
      return Optional.empty();
    }
    String[] f = r.getStdout().strip().split(" ");
    return Optional.of(new FileFacts(Integer.parseInt(f[0], 8), Integer.parseInt(f[1])));
  }

  @Override
  public boolean volumeDirExists(Mount mount) {
    throw hostOnly("inspecting the node's volume directory");
  }

  @Override
  public List<String> leftovers(List<Mount> failed) {
    throw hostOnly("inspecting the node's mount table");
  }

  @Override
  public String driverLog() {
    return cluster == null ? "" : cluster.sh("cat " + K3sCluster.DRIVER_LOG + " 2>/dev/null");
  }

  @Override
  public void finishScenario() {
    if (cluster != null) {
      for (PodSpec p : pods) {
        cluster.kubectlResult("-n", p.namespace(), "delete", "pod", p.name(), "--wait=true");
        cluster.kubectlResult("-n", p.namespace(), "delete", "secret", p.secretName());
      }
      for (String ns : namespaces) {
        cluster.kubectlResult("delete", "namespace", ns, "--wait=true", "--timeout=60s");
      }
    }
  }

  /** The k3s server log (the kubelet's FlexVolume messages are in it), for failed scenarios. */
  public String clusterLog() {
    return cluster == null ? "" : cluster.logs();
  }

  @Override
  public void close() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private void ensureNamespace(String ns) {
    if (!ns.equals("default") && namespaces.add(ns)) {
      cluster.kubectlResult("create", "namespace", ns);
    }
  }

  private ExecResult podExec(Mount mount, String... command) {
    String[] argv = new String[command.length + 5];
    argv[0] = "-n";
    argv[1] = mount.pod().namespace();
    argv[2] = "exec";
    argv[3] = mount.pod().name();
    argv[4] = "--";
    System.arraycopy(command, 0, argv, 5, command.length);
    return cluster.kubectlResult(argv);
  }

  private static UnsupportedOperationException hostOnly(String what) {
    return new UnsupportedOperationException(
        what + " is verified on the host backend only; do not tag this scenario @k3s");
  }
}
