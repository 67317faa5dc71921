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
 *       holding the pod's namespace and the pod's token, whose payload names the pod (namespace,
 *       name, uid, service account; see {@link ServiceAccountTokenClaims}). It exists when the
 *       kubelet mounted that volume before ours, which the kubelet does not promise: the check is
 *       best effort, never a guarantee.
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
        namespaceFile(dir.resolve("namespace"), facts);
        tokenClaims(dir.resolve("token"), facts);
      }
    } catch (IOException | RuntimeException e) {
      // volume not mounted (yet) or no such pod dir: no evidence
    }
  }

  private static void namespaceFile(Path file, List<Fact> facts) {
    try {
      String ns = new String(readSmall(file, MAX_NAMESPACE_BYTES + 2), StandardCharsets.UTF_8);
      if (DNS_LABELS.matcher(ns.trim()).matches()) {
        facts.add(new Fact(KnownOptions.POD_NAMESPACE, ns.trim(), file.toString()));
      }
    } catch (IOException | RuntimeException e) {
      // not written (yet): no evidence
    }
  }

  /** The pod claims of the service-account token; the token is read here and dropped. */
  private static void tokenClaims(Path file, List<Fact> facts) {
    try {
      byte[] token = readSmall(file, ServiceAccountTokenClaims.MAX_TOKEN_BYTES + 1);
      String source = "the pod's service-account token " + file + " (claim kubernetes.io)";
      for (var claim : ServiceAccountTokenClaims.podClaims(token)) {
        facts.add(new Fact(claim.getKey(), claim.getValue(), source));
      }
      java.util.Arrays.fill(token, (byte) 0);
    } catch (IOException | RuntimeException e) {
      // not written (yet): no evidence
    }
  }

  private static byte[] readSmall(Path file, int max) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(max);
    }
  }
}
