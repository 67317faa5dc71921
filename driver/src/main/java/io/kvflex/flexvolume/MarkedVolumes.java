package io.kvflex.flexvolume;

import io.kvflex.errors.LocalWriteException;
import io.kvflex.mount.MountTable;
import io.kvflex.mount.VolumeMarker;
import io.kvflex.options.KubeletVolumePath;
import io.kvflex.rotation.MountedVolumes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The driver's volumes as the mount table shows them: tmpfs mounts this driver made ({@link
 * VolumeMarker#isOurs}) at a kubelet volume directory of this driver, each with its marker's lines.
 * Staging mounts under the run directory are not volumes and are left out.
 */
public final class MarkedVolumes implements MountedVolumes {
  private final MountTable table;

  public MarkedVolumes(MountTable table) {
    this.table = table;
  }

  /** This host's, from {@code /proc/self/mountinfo}. */
  public static MarkedVolumes host() {
    return new MarkedVolumes(new MountTable(Path.of("/proc/self/mountinfo")));
  }

  @Override
  public List<Found> list() {
    Set<Path> dirs = new LinkedHashSet<>();
    try {
      for (MountTable.Entry e : table.entries()) {
        Path dir = Path.of(e.mountPoint());
        if (VolumeMarker.isOurs(e) && KubeletVolumePath.parse(dir).isPresent()) {
          dirs.add(dir);
        }
      }
    } catch (IOException e) {
      throw new LocalWriteException("could not read the mount table: " + e, e);
    }
    List<Found> found = new ArrayList<>();
    for (Path dir : dirs) {
      found.add(new Found(dir, VolumeMarker.lines(dir)));
    }
    return found;
  }
}
