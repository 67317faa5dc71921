package io.kvflex.kvctl.access;

import io.kvflex.errors.UserInputException;
import io.kvflex.kvctl.kubelet.KubeletMount;
import io.kvflex.kvctl.kubelet.KubeletMounts;
import io.kvflex.kvctl.manifest.InputCollector;
import io.kvflex.kvctl.manifest.ManifestReader;
import io.kvflex.kvctl.manifest.Manifests;
import io.kvflex.kvctl.manifest.SecretObject;
import io.kvflex.options.MountRequest;
import io.kvflex.options.OptionsParser;
import io.kvflex.options.ParseResult;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One {@code azure/kv} volume of a manifest, with the options the kubelet would pass ({@link
 * KubeletMounts}: Secret from {@code --secret-file} or the manifest itself, pod name and
 * namespace), parsed exactly as the driver parses them ({@link OptionsParser}).
 */
final class ManifestVolume {
  private ManifestVolume() {}

  static MountRequest read(
      Path workingDir,
      InputStream stdin,
      List<String> files,
      Optional<String> volumeName,
      Optional<Path> secretFile) {
    String manifest = String.join(", ", files);
    Manifests manifests = read(workingDir, stdin, files);
    List<SecretObject> secrets =
        secretFile
            .map(f -> read(workingDir, stdin, List.of(f.toString())).secrets())
            .orElse(List.of());
    List<KubeletMount> mounts =
        new KubeletMounts()
            .select(manifests, secrets, Optional.empty(), volumeName, Optional.empty());
    if (mounts.size() > 1) {
      throw new UserInputException(
          manifest
              + " has "
              + mounts.size()
              + " azure/kv volumes ("
              + mounts.stream().map(KubeletMount::describe).collect(Collectors.joining(", "))
              + "); choose one with --volume");
    }
    KubeletMount mount = mounts.get(0);
    // KubeletMounts already refused a secretRef whose Secret was not given.
    Map<String, String> options = mount.options().reveal();
    ParseResult parsed = new OptionsParser().parse(options, Optional.empty());
    return parsed
        .request()
        .orElseThrow(
            () ->
                new UserInputException(
                    mount.describe()
                        + " in "
                        + manifest
                        + ": "
                        + OptionsParser.describeProblems(parsed.problems())
                        + " (kvctl lint shows where)"));
  }

  private static Manifests read(Path workingDir, InputStream stdin, List<String> files) {
    return new ManifestReader()
        .read(new InputCollector(workingDir, stdin, p -> false).collect(files));
  }
}
