package io.kvflex.kvctl.manifest;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A pod spec found in an object: the object itself for a Pod, its pod template otherwise.
 *
 * @param owner the object carrying the pod spec
 * @param podLabels labels the pod will carry (a Pod's own, or its template's)
 * @param podAnnotations annotations the pod will carry
 * @param podSpecPointer JSON pointer of the pod spec ({@code /spec/template/spec}, ...)
 * @param flexVolumes every {@code flexVolume} volume (any driver), in order
 * @param volumeNames names of ALL volumes (any source), to tell "mounts a missing volume"
 * @param mounts every volume mount of every container and init container
 */
public record Workload(
    KubeObject owner,
    Map<String, String> podLabels,
    Map<String, String> podAnnotations,
    String podSpecPointer,
    List<FlexVolume> flexVolumes,
    List<String> volumeNames,
    List<VolumeMount> mounts) {

  public Workload {
    Objects.requireNonNull(owner);
    podLabels = Map.copyOf(podLabels);
    podAnnotations = Map.copyOf(podAnnotations);
    Objects.requireNonNull(podSpecPointer);
    flexVolumes = List.copyOf(flexVolumes);
    volumeNames = List.copyOf(volumeNames);
    mounts = List.copyOf(mounts);
  }

  /** The {@code azure/kv} volumes only. */
  public List<FlexVolume> kvVolumes() {
    return flexVolumes.stream().filter(FlexVolume::isAzureKv).toList();
  }

  /** Mounts of the named volume, in container order. */
  public List<VolumeMount> mountsOf(String volume) {
    return mounts.stream().filter(m -> m.volume().equals(volume)).toList();
  }
}
