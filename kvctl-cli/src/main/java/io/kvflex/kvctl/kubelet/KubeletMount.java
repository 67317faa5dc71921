package io.kvflex.kvctl.kubelet;

import io.kvflex.kvctl.manifest.FlexVolume;
import io.kvflex.kvctl.manifest.Workload;
import java.util.Objects;

/**
 * One {@code kv mount} the kubelet would make: an {@code azure/kv} volume of a pod, with the
 * options it would pass.
 *
 * @param workload the object holding the pod spec
 * @param volume the volume
 * @param pod the pod as the kubelet would name it
 * @param options the options JSON (holds Secret values: see {@link KubeletOptions})
 */
public record KubeletMount(
    Workload workload, FlexVolume volume, PodContext pod, KubeletOptions options) {
  public KubeletMount {
    Objects.requireNonNull(workload);
    Objects.requireNonNull(volume);
    Objects.requireNonNull(pod);
    Objects.requireNonNull(options);
  }

  /** e.g. {@code Pod default/nginx-flex-kv volume test}. */
  public String describe() {
    return workload.owner().kind()
        + " "
        + pod.namespace()
        + "/"
        + workload.owner().name()
        + " volume "
        + volume.name();
  }
}
