package io.kvflex.rotation;

import io.kvflex.options.MountRequest;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the driver's verbs tell rotation, and what {@code kv status} asks it. The node agent's is
 * {@link AgentRotation}; the in-process driver's is {@link #NONE} (a volume it mounts is found and
 * polled by the agent's next scan, when one runs).
 */
public interface VolumeRotation {

  /**
   * A volume was mounted complete at {@code dir}: polled from now on when its request rotates.
   *
   * @param versions the version of each object the mount fetched
   */
  void mounted(Path dir, MountRequest request, Map<ObjectRef, String> versions);

  /**
   * The volume at {@code dir} is about to be unmounted: its polling ends now, and when this returns
   * no poll of it runs any more (so nothing of it is written while it is unmounted).
   */
  void unmounting(Path dir);

  /** The {@code kv status} document. */
  String statusJson();

  /** No agent: nothing is polled. */
  VolumeRotation NONE =
      new VolumeRotation() {
        @Override
        public void mounted(Path dir, MountRequest request, Map<ObjectRef, String> versions) {}

        @Override
        public void unmounting(Path dir) {}

        @Override
        public String statusJson() {
          return StatusJson.render(
              new StatusJson.Agent(false, java.util.Optional.empty(), java.util.Optional.empty()),
              new RotationTotals(),
              java.util.List.of(),
              java.util.List.of());
        }
      };
}
