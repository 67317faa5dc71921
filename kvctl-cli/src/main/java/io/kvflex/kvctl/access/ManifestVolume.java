package io.kvflex.kvctl.access;

import io.kvflex.errors.UserInputException;
import io.kvflex.kvctl.manifest.FlexVolume;
import io.kvflex.kvctl.manifest.InputCollector;
import io.kvflex.kvctl.manifest.ManifestReader;
import io.kvflex.kvctl.manifest.Manifests;
import io.kvflex.kvctl.manifest.Workload;
import io.kvflex.options.MountRequest;
import io.kvflex.options.OptionsParser;
import io.kvflex.options.ParseResult;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds one {@code azure/kv} volume in a manifest and parses its options exactly as the driver will
 * ({@link OptionsParser}), with the Secret the kubelet would pass and the pod's name.
 */
final class ManifestVolume {
  private ManifestVolume() {}

  static MountRequest read(
      Path workingDir,
      InputStream stdin,
      String manifest,
      Optional<String> volumeName,
      Optional<Path> secretFile) {
    Manifests m =
        new ManifestReader()
            .read(new InputCollector(workingDir, stdin, p -> false).collect(List.of(manifest)));
    List<Workload> owners = new ArrayList<>();
    List<FlexVolume> volumes = new ArrayList<>();
    for (Workload w : m.workloads()) {
      for (FlexVolume v : w.kvVolumes()) {
        if (volumeName.isEmpty() || volumeName.get().equals(v.name())) {
          owners.add(w);
          volumes.add(v);
        }
      }
    }
    if (volumes.isEmpty()) {
      throw new UserInputException(
          manifest
              + " has no azure/kv volume"
              + volumeName.map(n -> " named " + n).orElse("")
              + "; check -f and --volume");
    }
    if (volumes.size() > 1) {
      List<String> names = new ArrayList<>();
      for (int i = 0; i < volumes.size(); i++) {
        names.add(volumes.get(i).name() + " (" + owners.get(i).owner().describe() + ")");
      }
      throw new UserInputException(
          manifest
              + " has "
              + volumes.size()
              + " azure/kv volumes: "
              + String.join(", ", names)
              + "; choose one with --volume");
    }
    FlexVolume volume = volumes.get(0);
    if (volume.secretRef().isPresent() && secretFile.isEmpty()) {
      throw new UserInputException(
          "volume "
              + volume.name()
              + " takes its identity from Secret "
              + volume.secretRef().get()
              + "; pass that Secret's manifest with --secret-file,"
              + " or use --vault/--object with --client-id");
    }
    Map<String, String> kubelet = new LinkedHashMap<>(volume.optionValues());
    secretFile.ifPresent(
        f ->
            kubelet.putAll(
                SecretFile.read(workingDir.resolve(f), volume.secretRef()).asKubeletOptions()));
    kubelet.put("kubernetes.io/pod.namespace", owners.get(0).owner().effectiveNamespace());
    kubelet.put("kubernetes.io/pod.name", owners.get(0).owner().name());
    ParseResult parsed = new OptionsParser().parse(kubelet, Optional.empty());
    return parsed
        .request()
        .orElseThrow(
            () ->
                new UserInputException(
                    "volume "
                        + volume.name()
                        + " in "
                        + manifest
                        + ": "
                        + OptionsParser.describeProblems(parsed.problems())
                        + " (run kvctl lint for positions)"));
  }
}
