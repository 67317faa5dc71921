package io.kvflex.engine;

import io.kvflex.options.KnownOptions;
import io.kvflex.options.PodEvidence;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Pod evidence from the node's files, two sources, each present only at some moments:
 *
 * <ul>
 *   <li>{@code <pod logs root>/<namespace>_<name>_<uid>}: the kubelet's pod log directory (exists
 *       once the pod's sandbox was created, e.g. when the volume is mounted again after a kubelet
 *       restart or node reboot). Names and namespaces cannot contain {@code _}, so the split is
 *       exact.
 *   <li>{@code <kubelet
 *       root>/pods/<uid>/volumes/kubernetes.io~projected/kube-api-access-*\/namespace}: the
 *       service-account volume the kubelet projects into every pod that mounts the API token,
 *       holding the pod's namespace (exists when the kubelet mounted that volume before ours). The
 *       token next to it is never read.
 * </ul>
 *
 * Unreadable or absent files give no fact: evidence can only fail a mount, never let one through.
 */
public final class KubeletPodEvidence implements PodEvidence {
  /** The kubelet's fixed pod log root. */
  public static final Path HOST_POD_LOGS = Path.of("/var/log/pods");

  private static final Pattern DNS_LABELS = Pattern.compile("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$");
  private static final int MAX_NAMESPACE_BYTES = 253;

  private final Path podLogsRoot;

  public KubeletPodEvidence(Path podLogsRoot) {
    this.podLogsRoot = podLogsRoot;
  }

  @Override
  public List<Fact> lookup(Path kubeletRoot, String podUid) {
    List<Fact> facts = new ArrayList<>();
    fromPodLogs(podUid, facts);
    fromServiceAccountVolume(kubeletRoot, podUid, facts);
    return facts;
  }

  private void fromPodLogs(String podUid, List<Fact> facts) {
    String suffix = "_" + podUid;
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(podLogsRoot, "*" + suffix)) {
      for (Path dir : dirs) {
        String[] parts = dir.getFileName().toString().split("_", -1);
        if (parts.length == 3 && parts[2].equals(podUid)) {
          String source = dir.toString();
          facts.add(new Fact(KnownOptions.POD_NAMESPACE, parts[0], source));
          facts.add(new Fact(KnownOptions.POD_NAME, parts[1], source));
        }
      }
    } catch (IOException | RuntimeException e) {
      // no pod log directory (yet): no evidence
    }
  }

  private static void fromServiceAccountVolume(Path kubeletRoot, String podUid, List<Fact> facts) {
    Path projected =
        kubeletRoot
            .resolve("pods")
            .resolve(podUid)
            .resolve("volumes")
            .resolve("kubernetes.io~projected");
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(projected, "kube-api-access-*")) {
      for (Path dir : dirs) {
        Path file = dir.resolve("namespace");
        String ns = readSmall(file).trim();
        if (DNS_LABELS.matcher(ns).matches()) {
          facts.add(new Fact(KnownOptions.POD_NAMESPACE, ns, file.toString()));
        }
      }
    } catch (IOException | RuntimeException e) {
      // volume not mounted (yet) or no such pod dir: no evidence
    }
  }

  private static String readSmall(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readNBytes(MAX_NAMESPACE_BYTES + 2), StandardCharsets.UTF_8);
    }
  }
}
