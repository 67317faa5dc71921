package io.kvflex.e2e.framework;

import io.kvflex.kvctl.kubelet.KubeletMount;
import io.kvflex.kvctl.kubelet.KubeletMounts;
import io.kvflex.kvctl.manifest.ManifestInput;
import io.kvflex.kvctl.manifest.ManifestReader;
import io.kvflex.kvctl.manifest.Manifests;
import io.kvflex.options.Sensitive;
import java.util.List;
import java.util.Optional;

/**
 * What the kubelet derives from a pod's manifests: the pod UID and the options JSON it passes as
 * argv[2] of {@code kv mount}. Built by kvctl's {@code KubeletMounts} (the same code {@code kvctl
 * fetch} uses), from the manifest text {@link PodManifests} writes, so the e2e suite and kvctl
 * cannot disagree about the kubelet's behaviour.
 *
 * @param podUid the UID the kubelet would use in the mount directory
 * @param optionsJson the options JSON; it holds the Secret's values, hence {@link Sensitive}
 */
public record KubeletView(String podUid, Sensitive optionsJson) {

  /** Reads {@code manifests} (named {@code file} in messages) and picks the pod's volume. */
  public static KubeletView of(PodSpec pod, String file, String manifests) {
    Manifests m = new ManifestReader().read(List.of(new ManifestInput(file, manifests)));
    List<KubeletMount> mounts =
        new KubeletMounts()
            .select(
                m, List.of(), Optional.of(pod.name()), Optional.of(pod.volume()), Optional.empty());
    if (mounts.size() != 1) {
      throw new IllegalStateException(
          "expected one azure/kv volume "
              + pod.volume()
              + " in "
              + file
              + ", found "
              + mounts.size());
    }
    KubeletMount mount = mounts.get(0);
    return new KubeletView(mount.pod().uid(), mount.options().json());
  }
}
