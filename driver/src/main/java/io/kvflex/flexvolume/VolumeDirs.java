package io.kvflex.flexvolume;

import io.kvflex.errors.UserInputException;
import io.kvflex.options.KubeletVolumePath;
import java.nio.file.Path;

/** The driver mounts and unmounts only directories of the kubelet's shape for driver azure/kv. */
final class VolumeDirs {
  private VolumeDirs() {}

  static KubeletVolumePath require(Path dir, String verb) {
    return KubeletVolumePath.parse(dir)
        .orElseThrow(
            () ->
                new UserInputException(
                    verb
                        + " refused: "
                        + dir
                        + " is not a kubelet volume directory of driver azure/kv; the driver "
                        + verb
                        + "s only "
                        + KubeletVolumePath.expectedShape()
                        + " (absolute, without \".\" or \"..\")"));
  }
}
