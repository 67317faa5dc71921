package io.kvflex.rotation;

import io.kvflex.options.MountRequest;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rotation when no node agent runs (the launcher's in-process JVM): nothing is polled; {@code kv
 * status} still lists the node's rotating volumes, from their markers, as not polled.
 */
final class NoAgent implements VolumeRotation {
  static final String REASON =
      "no node agent answered (none runs on this node, or it is stale or busy), so this answer"
          + " cannot say what is polled; without an agent the files stay as they were last"
          + " written; an agent that starts finds this volume and polls it again (except a"
          + " service principal's)";

  private final MountedVolumes mounts;

  NoAgent(MountedVolumes mounts) {
    this.mounts = mounts;
  }

  @Override
  public void mounted(
      Path dir, MountRequest request, Map<ObjectRef, String> versions, boolean fresh) {}

  @Override
  public void unmounting(Path dir) {}

  @Override
  public String statusJson() {
    List<Discovery.Dormant> rotating = new ArrayList<>();
    for (MountedVolumes.Found found : mounts.list()) {
      RotationRecord.find(found.markerLines())
          .ifPresent(r -> rotating.add(new Discovery.Dormant(found.dir(), r, REASON)));
    }
    return StatusJson.render(
        new StatusJson.Agent(false, Optional.empty(), Optional.empty()),
        new RotationTotals(),
        List.of(),
        rotating);
  }
}
