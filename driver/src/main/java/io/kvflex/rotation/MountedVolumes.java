package io.kvflex.rotation;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The driver's volumes as the node shows them, for finding rotating volumes again after a node
 * agent restart (or ones mounted while no agent ran): the mount table says which kubelet volume
 * directories hold one of the driver's tmpfs volumes, each volume's marker what it was mounted
 * with.
 */
public interface MountedVolumes {

  /** Every mounted volume of the driver at a kubelet volume directory. */
  List<Found> list();

  /**
   * One mounted volume.
   *
   * @param dir its kubelet volume directory
   * @param markerLines the lines of its volume marker (empty when it has none or it is unreadable)
   */
  record Found(Path dir, List<String> markerLines) {
    public Found {
      Objects.requireNonNull(dir);
      markerLines = List.copyOf(markerLines);
    }
  }

  MountedVolumes NONE = List::of;
}
