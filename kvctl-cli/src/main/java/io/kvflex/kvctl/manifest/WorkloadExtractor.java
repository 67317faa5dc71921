package io.kvflex.kvctl.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the pod spec in every kind that carries one and extracts what kvctl needs from it:
 * flexVolume volumes (driver, options with positions, secretRef, readOnly), all volume names, and
 * every container's and init container's volume mounts.
 */
public final class WorkloadExtractor {

  /** Kinds with a pod spec, and the path to it (pod metadata sits beside {@code spec}). */
  private static final Map<String, List<String>> POD_TEMPLATE_PATHS =
      Map.of(
          "Pod", List.of(),
          "Deployment", List.of("spec", "template"),
          "StatefulSet", List.of("spec", "template"),
          "DaemonSet", List.of("spec", "template"),
          "ReplicaSet", List.of("spec", "template"),
          "Job", List.of("spec", "template"),
          "ReplicationController", List.of("spec", "template"),
          "CronJob", List.of("spec", "jobTemplate", "spec", "template"),
          "PodTemplate", List.of("template"));

  /** Whether {@code kind} carries a pod template. */
  public static boolean carriesPodSpec(String kind) {
    return POD_TEMPLATE_PATHS.containsKey(kind);
  }

  /** The pod spec of {@code object}, or empty when its kind has none or it is not written. */
  public Optional<Workload> extract(KubeObject object) {
    List<String> path = POD_TEMPLATE_PATHS.get(object.kind());
    if (path == null) {
      return Optional.empty();
    }
    YNode.YMap podLike = object.root();
    StringBuilder pointer = new StringBuilder(object.pointer());
    for (String segment : path) {
      Optional<YNode.YMap> next = podLike.map(segment);
      if (next.isEmpty()) {
        return Optional.empty();
      }
      podLike = next.get();
      pointer.append('/').append(segment);
    }
    Optional<YNode.YMap> spec = podLike.map("spec");
    if (spec.isEmpty()) {
      return Optional.empty();
    }
    String specPointer = pointer + "/spec";
    Map<String, String> labels;
    Map<String, String> annotations;
    if (path.isEmpty()) {
      labels = object.labels();
      annotations = object.annotations();
    } else {
      YNode.YMap meta =
          podLike.map("metadata").orElse(new YNode.YMap(Map.of(), podLike.location()));
      labels = meta.stringMap("labels");
      annotations = meta.stringMap("annotations");
    }
    List<FlexVolume> flex = new ArrayList<>();
    List<String> names = new ArrayList<>();
    spec.get()
        .list("volumes")
        .ifPresent(
            vols -> {
              for (YNode.Indexed<YNode.YMap> v : vols.maps()) {
                String volPointer = specPointer + "/volumes/" + v.index();
                v.value().string("name").ifPresent(names::add);
                v.value()
                    .map("flexVolume")
                    .ifPresent(fv -> flex.add(flexVolume(v.value(), fv, volPointer)));
              }
            });
    List<VolumeMount> mounts = new ArrayList<>();
    mounts(spec.get(), "initContainers", true, specPointer, mounts);
    mounts(spec.get(), "containers", false, specPointer, mounts);
    return Optional.of(new Workload(object, labels, annotations, specPointer, flex, names, mounts));
  }

  private static FlexVolume flexVolume(YNode.YMap volume, YNode.YMap fv, String pointer) {
    Map<String, OptionEntry> options = new java.util.LinkedHashMap<>();
    String optionsPointer = pointer + "/flexVolume/options";
    Optional<YNode.YMap> opts = fv.map("options");
    opts.ifPresent(
        o ->
            o.entries()
                .forEach(
                    (k, e) -> {
                      YNode v = e.value();
                      boolean scalar = v instanceof YNode.YScalar;
                      String text =
                          v instanceof YNode.YScalar s
                              ? s.value()
                              : v instanceof YNode.YMap ? "<a mapping>" : "<a list>";
                      YNode.ScalarType type =
                          v instanceof YNode.YScalar s ? s.type() : YNode.ScalarType.STRING;
                      options.put(
                          k,
                          new OptionEntry(
                              k,
                              text,
                              type,
                              scalar,
                              e.keyLocation(),
                              v.location(),
                              optionsPointer + "/" + JsonPointer.escape(k)));
                    }));
    Optional<String> secretRef = fv.map("secretRef").flatMap(s -> s.string("name"));
    Optional<Boolean> readOnly =
        fv.scalar("readOnly")
            .filter(s -> s.type() == YNode.ScalarType.BOOLEAN)
            .map(s -> isTrue(s.value()));
    return new FlexVolume(
        volume.string("name").orElse(""),
        fv.string("driver").orElse(""),
        options,
        secretRef,
        readOnly,
        volume.location(),
        pointer,
        opts.map(YNode.YMap::location).orElse(fv.location()),
        fv.get("secretRef").isPresent() ? fv.keyLocation("secretRef") : volume.location(),
        fv.scalar("secretRef").filter(s -> !s.isNull()).map(YNode.YScalar::value));
  }

  private static void mounts(
      YNode.YMap spec, String field, boolean init, String specPointer, List<VolumeMount> out) {
    spec.list(field)
        .ifPresent(
            containers -> {
              for (YNode.Indexed<YNode.YMap> c : containers.maps()) {
                String name = c.value().string("name").orElse("");
                String cPointer = specPointer + "/" + field + "/" + c.index();
                c.value()
                    .list("volumeMounts")
                    .ifPresent(
                        vms -> {
                          for (YNode.Indexed<YNode.YMap> m : vms.maps()) {
                            YNode.YMap vm = m.value();
                            Optional<String> subPath =
                                vm.string("subPath").or(() -> vm.string("subPathExpr"));
                            out.add(
                                new VolumeMount(
                                    name,
                                    init,
                                    vm.string("name").orElse(""),
                                    vm.string("mountPath").orElse(""),
                                    vm.scalar("readOnly")
                                        .filter(s -> s.type() == YNode.ScalarType.BOOLEAN)
                                        .map(s -> isTrue(s.value())),
                                    subPath.filter(s -> !s.isEmpty()),
                                    vm.location(),
                                    cPointer + "/volumeMounts/" + m.index()));
                          }
                        });
              }
            });
  }

  /** YAML 1.1 truth, as Kubernetes decodes a plain boolean. */
  static boolean isTrue(String value) {
    return switch (value) {
      case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON" -> true;
      default -> false;
    };
  }
}
