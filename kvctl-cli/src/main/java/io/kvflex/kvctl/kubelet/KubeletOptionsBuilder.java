package io.kvflex.kvctl.kubelet;

import io.kvflex.errors.UserInputException;
import io.kvflex.kvctl.manifest.FlexVolume;
import io.kvflex.kvctl.manifest.Workload;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the options the kubelet passes to {@code kv mount}, following the kubelet's FlexVolume
 * code ({@code pkg/volume/flexvolume}: {@code SetUpAt}, {@code addSecretsToOptions}, {@code
 * NewOptionsForDriver}):
 *
 * <ol>
 *   <li>{@code kubernetes.io/fsType} ({@code flexVolume.fsType}, usually empty), {@code
 *       kubernetes.io/readwrite} ({@code ro} when {@code flexVolume.readOnly}, else {@code rw}),
 *       {@code kubernetes.io/pvOrVolumeName} (the volume name);
 *   <li>{@code kubernetes.io/secret/<key>}: standard padded base64 of each byte value of the
 *       secretRef Secret, which must be in the pod's namespace and of type {@code azure/kv};
 *   <li>{@code kubernetes.io/pod.name}, {@code pod.namespace}, {@code pod.uid}, {@code
 *       serviceAccount.name}, and {@code kubernetes.io/mounterArgs.FsGroup} when the pod has one;
 *   <li>the volume's {@code options}, merged LAST, so they override any of the above.
 * </ol>
 *
 * The e2e host backend uses this same class to call the driver as the kubelet would.
 */
public final class KubeletOptionsBuilder {

  /** Builds the options for {@code volume} of {@code workload} (its pod as written). */
  public KubeletOptions build(
      Workload workload, FlexVolume volume, Optional<KubeletSecret> secret) {
    PodContext pod = PodContext.of(workload);
    return build(pod, volume, fsType(workload, volume), secret);
  }

  /**
   * Builds the options for {@code volume} mounted in {@code pod}.
   *
   * @param secret the Secret {@code volume.secretRef} names, resolved by the caller; required when
   *     the volume has a secretRef, as the kubelet fails the mount without it
   */
  public KubeletOptions build(
      PodContext pod, FlexVolume volume, String fsType, Optional<KubeletSecret> secret) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("kubernetes.io/fsType", fsType);
    options.put("kubernetes.io/readwrite", volume.readOnly().orElse(false) ? "ro" : "rw");
    options.put("kubernetes.io/pvOrVolumeName", volume.name());
    if (volume.secretRef().isPresent()) {
      KubeletSecret s = checkedSecret(pod, volume, secret);
      s.data()
          .forEach(
              (key, bytes) ->
                  options.put(
                      KubeletOptions.SECRET_PREFIX + key,
                      Base64.getEncoder().encodeToString(bytes.reveal())));
    }
    options.put("kubernetes.io/pod.name", pod.name());
    options.put("kubernetes.io/pod.namespace", pod.namespace());
    options.put("kubernetes.io/pod.uid", pod.uid());
    options.put("kubernetes.io/serviceAccount.name", pod.serviceAccount());
    pod.fsGroup()
        .ifPresent(g -> options.put("kubernetes.io/mounterArgs.FsGroup", Long.toString(g)));
    options.putAll(volume.optionValues());
    return new KubeletOptions(options);
  }

  /** The kubelet's own checks before it calls the driver: right name, namespace and type. */
  private static KubeletSecret checkedSecret(
      PodContext pod, FlexVolume volume, Optional<KubeletSecret> secret) {
    String ref = pod.namespace() + "/" + volume.secretRef().get();
    KubeletSecret s =
        secret.orElseThrow(
            () ->
                new UserInputException(
                    "volume "
                        + volume.name()
                        + " uses secretRef "
                        + volume.secretRef().get()
                        + ", but no Secret "
                        + ref
                        + " was given; pass the Secret manifest (--secret-file) or create it"
                        + " with kubectl create secret generic "
                        + volume.secretRef().get()
                        + " --type=azure/kv --from-literal=clientid=... --from-literal=clientsecret=..."));
    if (!s.name().equals(volume.secretRef().get()) || !s.namespace().equals(pod.namespace())) {
      throw new UserInputException(
          "volume "
              + volume.name()
              + " needs Secret "
              + ref
              + " (the kubelet looks in the pod's namespace), but the Secret given is "
              + s.namespace()
              + "/"
              + s.name());
    }
    if (!s.type().equals(FlexVolume.AZURE_KV)) {
      throw new UserInputException(
          "Secret "
              + ref
              + " has type "
              + s.type()
              + "; the kubelet passes only Secrets of type azure/kv (the driver name) and fails"
              + " the mount with \"Cannot get secret of type azure/kv\"; recreate it with"
              + " type: azure/kv");
    }
    return s;
  }

  /** {@code flexVolume.fsType} of the volume as written, usually empty. */
  static String fsType(Workload workload, FlexVolume volume) {
    return PodContext.at(workload.owner(), volume.pointer() + "/flexVolume")
        .string("fsType")
        .orElse("");
  }
}
