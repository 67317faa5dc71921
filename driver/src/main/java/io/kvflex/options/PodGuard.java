package io.kvflex.options;

import static io.kvflex.options.Texts.quote;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Defence against pod impersonation. The kubelet merges {@code flexVolume.options} over its own
 * {@code kubernetes.io/*} keys, so a pod author can write {@code kubernetes.io/pod.name: victim}
 * and ask NMI for another pod's token. The one value the pod author cannot choose is the mount
 * directory the kubelet passes as argv[1]: {@code <kubelet root>/pods/<pod uid>/volumes/azure~kv/
 * <volume name>}. When the directory has that shape, {@code kubernetes.io/pod.uid} must equal the
 * uid in it and {@code kubernetes.io/pvOrVolumeName}, when present, the volume name in it. Either
 * disagreement proves the kubelet's keys were overridden, and the mount fails whatever the identity
 * mode (a spoofed key is never legitimate). Name and namespace are then compared with whatever
 * {@link PodEvidence} the kubelet left on the node for that uid (on a node: {@code
 * io.kvflex.engine.KubeletPodEvidence}); without such evidence a spoofed name next to the real uid
 * cannot be detected here.
 */
final class PodGuard {
  private PodGuard() {}

  static void check(
      RawOptions options, Optional<Path> mountDir, PodEvidence evidence, Problems problems) {
    Optional<KubeletVolumePath> dir = mountDir.flatMap(KubeletVolumePath::parseLenient);
    if (dir.isEmpty()) {
      return;
    }
    String uid = options.text(KnownOptions.POD_UID).orElse("");
    if (!uid.equals(dir.get().podUid())) {
      problems.add(
          OptionRule.POD_IMPERSONATION,
          KnownOptions.POD_UID,
          "kubernetes.io/pod.uid is "
              + quote(uid)
              + " but the kubelet mounts this volume for pod uid "
              + quote(dir.get().podUid())
              + ": the volume options override the kubelet's kubernetes.io/pod.* keys; remove every"
              + " kubernetes.io/* key from flexVolume.options");
    }
    Optional<String> volume = options.text(KnownOptions.PV_OR_VOLUME_NAME);
    if (volume.isPresent() && !volume.get().equals(dir.get().volumeName())) {
      problems.add(
          OptionRule.POD_IMPERSONATION,
          KnownOptions.PV_OR_VOLUME_NAME,
          "kubernetes.io/pvOrVolumeName is "
              + quote(volume.get())
              + " but the kubelet mounts volume "
              + quote(dir.get().volumeName())
              + ": the volume options override the kubelet's kubernetes.io/* keys; remove every"
              + " kubernetes.io/* key from flexVolume.options");
    }
    for (PodEvidence.Fact fact : evidence.lookup(dir.get().kubeletRoot(), dir.get().podUid())) {
      String given = options.text(fact.option()).orElse("");
      if (!given.equals(fact.value())) {
        problems.add(
            OptionRule.POD_IMPERSONATION,
            fact.option(),
            fact.option()
                + " is "
                + quote(given)
                + " but the kubelet's own record "
                + fact.source()
                + " says "
                + quote(fact.value())
                + " for pod uid "
                + quote(dir.get().podUid())
                + ": the volume options override the kubelet's kubernetes.io/pod.* keys; remove"
                + " every kubernetes.io/* key from flexVolume.options");
      }
    }
  }
}
