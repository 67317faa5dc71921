package io.kvflex.kvctl.kubelet;

import io.kvflex.errors.UserInputException;
import io.kvflex.kvctl.manifest.FlexVolume;
import io.kvflex.kvctl.manifest.Manifests;
import io.kvflex.kvctl.manifest.SecretObject;
import io.kvflex.kvctl.manifest.Workload;
import io.kvflex.options.Sensitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Finds the {@code azure/kv} volumes of manifests and builds, for each, the options the kubelet
 * would pass, with Secrets taken from the given Secret manifests (or the manifests themselves).
 */
public final class KubeletMounts {
  private final KubeletOptionsBuilder builder = new KubeletOptionsBuilder();

  /**
   * The mounts of the selected volumes.
   *
   * @param manifests the workloads
   * @param secrets Secrets to resolve {@code secretRef} with (searched before {@code manifests}'
   *     own Secrets)
   * @param pod only the workload with this name (a Pod, or a controller whose pods are meant)
   * @param volume only the volume with this name
   * @param namespace the namespace the pods land in, when not the one written (kubectl -n)
   * @throws UserInputException when nothing matches (the message lists what there is)
   */
  public List<KubeletMount> select(
      Manifests manifests,
      List<SecretObject> secrets,
      Optional<String> pod,
      Optional<String> volume,
      Optional<String> namespace) {
    return select(manifests, secrets, Optional.empty(), pod, volume, namespace);
  }

  /**
   * As {@link #select(Manifests, List, Optional, Optional, Optional)}, with {@code credentials}
   * (Secret key → bytes, e.g. {@code clientid}, {@code clientsecret}) standing in for the content
   * of every secretRef Secret, as if that Secret (type azure/kv) held them.
   */
  public List<KubeletMount> select(
      Manifests manifests,
      List<SecretObject> secrets,
      Optional<Map<String, Sensitive>> credentials,
      Optional<String> pod,
      Optional<String> volume,
      Optional<String> namespace) {
    List<Workload> withKv =
        manifests.workloads().stream().filter(w -> !w.kvVolumes().isEmpty()).toList();
    if (withKv.isEmpty()) {
      throw new UserInputException(
          "no pod in " + String.join(", ", manifests.inputs()) + " has an azure/kv volume");
    }
    List<KubeletMount> out = new ArrayList<>();
    for (Workload w : withKv) {
      if (pod.isPresent() && !pod.get().equals(w.owner().name())) {
        continue;
      }
      PodContext context = PodContext.of(w);
      if (namespace.isPresent()) {
        context = context.inNamespace(namespace.get());
      }
      for (FlexVolume v : w.kvVolumes()) {
        if (volume.isPresent() && !volume.get().equals(v.name())) {
          continue;
        }
        PodContext p = context;
        Optional<KubeletSecret> secret =
            credentials.isPresent() && v.secretRef().isPresent()
                ? Optional.of(
                    new KubeletSecret(
                        p.namespace(), v.secretRef().get(), FlexVolume.AZURE_KV, credentials.get()))
                : secretFor(context, v, secrets, manifests);
        KubeletOptions options =
            builder.build(context, v, KubeletOptionsBuilder.fsType(w, v), secret);
        out.add(new KubeletMount(w, v, context, options));
      }
    }
    if (out.isEmpty()) {
      throw new UserInputException(
          "no azure/kv volume matches"
              + pod.map(p -> " --pod " + p).orElse("")
              + volume.map(v -> " --volume " + v).orElse("")
              + "; the manifests have: "
              + withKv.stream()
                  .flatMap(
                      w ->
                          w.kvVolumes().stream()
                              .map(
                                  v ->
                                      w.owner().kind()
                                          + " "
                                          + w.owner().name()
                                          + " volume "
                                          + v.name()))
                  .collect(Collectors.joining(", ")));
    }
    return out;
  }

  /** The Secret the kubelet would read for the volume: same name, in the pod's namespace. */
  private static Optional<KubeletSecret> secretFor(
      PodContext pod, FlexVolume v, List<SecretObject> given, Manifests manifests) {
    if (v.secretRef().isEmpty()) {
      return Optional.empty();
    }
    String name = v.secretRef().get();
    List<SecretObject> candidates = new ArrayList<>(given);
    candidates.addAll(manifests.secrets());
    Optional<SecretObject> exact =
        candidates.stream()
            .filter(s -> s.object().name().equals(name))
            .filter(s -> s.object().namespace().map(pod.namespace()::equals).orElse(true))
            .findFirst();
    // A Secret written without a namespace lands in the pod's namespace when applied together.
    return exact
        .map(KubeletSecret::from)
        .map(
            s ->
                s.namespace().equals(pod.namespace())
                    ? s
                    : new KubeletSecret(pod.namespace(), s.name(), s.type(), s.data()))
        .or(
            () ->
                candidates.stream()
                    .filter(s -> s.object().name().equals(name))
                    .findFirst()
                    .map(KubeletSecret::from));
  }
}
