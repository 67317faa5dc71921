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
   * A volume is mounted complete at {@code dir}: polled from now on when its request rotates.
   *
   * @param versions the version of each object the mount fetched
   * @param fresh true when its files were just written, false when a mount call found the volume
   *     complete already (a volume polled already then keeps its schedule)
   */
  void mounted(Path dir, MountRequest request, Map<ObjectRef, String> versions, boolean fresh);

  /**
   * The volume at {@code dir} is about to be unmounted: its polling ends now, and when this returns
   * no poll of it runs any more (so nothing of it is written while it is unmounted).
   */
  void unmounting(Path dir);

  /** The {@code kv status} document. */
  String statusJson();

  /**
   * The in-process driver's: nothing is polled, and {@code status} lists the rotating volumes the
   * node holds, each as not polled because no node agent runs.
   */
  static VolumeRotation withoutAgent(MountedVolumes mounts) {
    return new NoAgent(mounts);
  }

  /** Nothing at all (tests, and worlds without a node): nothing polled, nothing listed. */
  VolumeRotation NONE = new NoAgent(MountedVolumes.NONE);
}
