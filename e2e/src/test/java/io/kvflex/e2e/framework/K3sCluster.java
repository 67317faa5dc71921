package io.kvflex.e2e.framework;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.Testcontainers;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * One k3s cluster per JVM (Testcontainers; Ryuk removes it when the JVM ends), prepared for kvflex:
 * a node image that can run the driver's Java runtime (see {@code k3s/node.Dockerfile}), the
 * kubelet's plugin dir set to the installer DaemonSet's default, the installer image built from
 * this build's plugin folder and imported into containerd, the DaemonSet from {@code deployment/}
 * applied, and the in-JVM localvault reachable from the node through Testcontainers' host port
 * exposure ({@code host.testcontainers.internal}).
 */
final class K3sCluster implements AutoCloseable {
  static final String PLUGIN_DIR = "/etc/kubernetes/volumeplugins";
  static final String NODE_ENV_DIR = "/etc/kvflex";
  static final String INSTALLER_IMAGE = "kvflex-installer:0.1.0";
  static final String DRIVER_LOG = "/var/log/kv-driver.log";

  private final K3sContainer k3s;

  private K3sCluster(K3sContainer k3s) {
    this.k3s = k3s;
  }

  /** Builds the images, starts k3s and installs the driver with the DaemonSet. Takes minutes. */
  static K3sCluster start(E2eSettings settings, LocalVaultFixture vault) {
    int[] ports = {vault.server().httpsPort(), vault.server().imdsPort(), vault.server().nmiPort()};
    Testcontainers.exposeHostPorts(ports);
    String node =
        new ImageFromDockerfile("kvflex-e2e-k3s-node", false)
            .withFileFromTransferable(
                "Dockerfile", Transferable.of(resource("k3s/node.Dockerfile")))
            .get();
    K3sContainer k3s =
        new K3sContainer(DockerImageName.parse(node).asCompatibleSubstituteFor("rancher/k3s"));
    k3s.withCommand(
        "server",
        "--disable=traefik,servicelb,metrics-server,local-storage",
        "--tls-san=" + k3s.getHost(),
        "--kubelet-arg=volume-plugin-dir=" + PLUGIN_DIR);
    // The kubelet passes its environment to the driver it execs.
    k3s.withEnv("KVFLEX_HOSTS_FILE", NODE_ENV_DIR + "/hosts");
    k3s.withEnv("KVFLEX_LOG_FILE", DRIVER_LOG);
    k3s.start();
    K3sCluster cluster = new K3sCluster(k3s);
    try {
      cluster.writeLocalvaultFiles(vault);
      cluster.importInstaller(settings);
      cluster.installDriver(settings);
      return cluster;
    } catch (RuntimeException e) {
      k3s.stop();
      throw e;
    }
  }

  /** The node resolves localvault's names to the host-port tunnel, and gets its env file. */
  private void writeLocalvaultFiles(LocalVaultFixture vault) {
    String ip = sh("grep -m1 'host.testcontainers.internal' /etc/hosts | cut -d' ' -f1").trim();
    if (ip.isEmpty()) {
      ip = sh("getent hosts host.testcontainers.internal | cut -d' ' -f1").trim();
    }
    StringBuilder hosts = new StringBuilder();
    for (String name : vault.server().hostNames()) {
      if (!name.equals("localhost")) {
        hosts.append(ip).append(' ').append(name).append('\n');
      }
    }
    copy(hosts.toString(), NODE_ENV_DIR + "/hosts");
    copy(
        vault.server().cloudEnvironmentJson().replace("127.0.0.1", ip),
        NODE_ENV_DIR + "/cloud-env.json");
  }

  private void importInstaller(E2eSettings settings) {
    Path installer = settings.repoRoot().resolve("deployment/installer");
    String image =
        new ImageFromDockerfile(INSTALLER_IMAGE, false)
            .withFileFromTransferable(
                "Dockerfile", Transferable.of(resource("k3s/installer.Dockerfile")))
            .withFileFromPath("plugin", settings.pluginFolder())
            .withFileFromPath("install.sh", installer.resolve("install.sh"))
            .withFileFromPath("runtime-modules.txt", installer.resolve("runtime-modules.txt"))
            .withFileFromPath(
                "check-runtime-modules.sh", installer.resolve("check-runtime-modules.sh"))
            .withFileFromPath("build-runtime.sh", installer.resolve("build-runtime.sh"))
            .get();
    try {
      Path tar = Files.createTempFile("kvflex-installer", ".tar");
      try (InputStream in = k3s.getDockerClient().saveImageCmd(image).exec()) {
        Files.copy(in, tar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      k3s.copyFileToContainer(MountableFile.forHostPath(tar), "/tmp/installer.tar");
      Files.deleteIfExists(tar);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Into the kubelet's containerd namespace; containerd may not be ready right after start, so
    // retry until the import is clean.
    for (int attempt = 1; ; attempt++) {
      ExecResult r = exec("ctr", "-n", "k8s.io", "images", "import", "/tmp/installer.tar");
      if (r.getExitCode() == 0 && r.getStderr().isBlank()) {
        return;
      }
      if (attempt == 10) {
        throw new IllegalStateException("ctr images import failed: " + r.getStderr());
      }
      sleep(2000);
    }
  }

  private void installDriver(E2eSettings settings) {
    copy(
        read(settings.repoRoot().resolve("deployment/kv-flexvol-installer.yaml")),
        "/tmp/installer.yaml");
    kubectl("apply", "-f", "/tmp/installer.yaml");
    kubectl("-n", "kv", "rollout", "status", "daemonset/keyvault-flexvolume", "--timeout=300s");
  }

  /** Runs kubectl in the node; throws with its output on failure. */
  String kubectl(String... args) {
    List<String> argv = new ArrayList<>(List.of("kubectl"));
    argv.addAll(List.of(args));
    ExecResult r = exec(argv.toArray(String[]::new));
    if (r.getExitCode() != 0) {
      throw new IllegalStateException(
          String.join(" ", argv) + " failed: " + r.getStderr() + r.getStdout());
    }
    return r.getStdout();
  }

  /** Runs kubectl and returns the result whatever the exit code. */
  ExecResult kubectlResult(String... args) {
    List<String> argv = new ArrayList<>(List.of("kubectl"));
    argv.addAll(List.of(args));
    return exec(argv.toArray(String[]::new));
  }

  ExecResult exec(String... argv) {
    try {
      return k3s.execInContainer(argv);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String sh(String script) {
    return exec("sh", "-c", script).getStdout();
  }

  void copy(String text, String path) {
    k3s.copyFileToContainer(Transferable.of(text), path);
  }

  String logs() {
    return k3s.getLogs();
  }

  @Override
  public void close() {
    k3s.stop();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String resource(String name) {
    try (InputStream in = K3sCluster.class.getResourceAsStream("/io/kvflex/e2e/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
