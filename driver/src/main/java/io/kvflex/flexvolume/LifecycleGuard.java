package io.kvflex.flexvolume;

import io.kvflex.mount.VolumeLifecycle;
import io.kvflex.mount.VolumeLifecycle.TargetState;
import io.kvflex.mount.VolumeLocks;
import io.kvflex.options.KubeletVolumePath;
import io.kvflex.rotation.RotatingVolume;
import io.kvflex.rotation.VolumeGuard;
import java.time.Instant;
import java.util.Optional;

/**
 * Rotation's view of the mount lifecycle: a volume is still the one being polled when its directory
 * holds exactly one of the driver's volumes whose marker names this request's fingerprint and whose
 * files are complete (what a mount call would verify); the lock is the volume's host lock, the one
 * mount and unmount hold. Rotation never mounts or unmounts, so it takes the lock without the
 * lifecycle's leftover cleanup (which may unmount staging directories).
 */
public final class LifecycleGuard implements VolumeGuard {
  private final VolumeLifecycle lifecycle;
  private final VolumeLocks locks;

  /**
   * @param lifecycle reads the mount table (its mounter is only asked what is mounted)
   * @param locks the host's volume locks (the run directory mount and unmount use)
   */
  public LifecycleGuard(VolumeLifecycle lifecycle, VolumeLocks locks) {
    this.lifecycle = lifecycle;
    this.locks = locks;
  }

  @Override
  public Optional<String> whyGone(RotatingVolume volume) {
    if (KubeletVolumePath.parse(volume.dir()).isEmpty()) {
      return Optional.of("not a kubelet volume directory");
    }
    TargetState state = lifecycle.inspect(volume.dir());
    if (state instanceof TargetState.NotMounted) {
      return Optional.of("it is not mounted any more");
    }
    if (state instanceof TargetState.Foreign foreign) {
      return Optional.of(
          "a mount that is not a kvflex volume is on it (" + foreign.mount().describe() + ")");
    }
    return lifecycle
        .completeness(
            (TargetState.Ours) state, volume.dir(), VolumeFingerprint.of(volume.request()))
        .map(problem -> "the volume there is not the one polled: " + problem);
  }

  @Override
  public Held lock(RotatingVolume volume, Instant deadline) {
    String key = KubeletVolumePath.parse(volume.dir()).orElseThrow().volumeKey();
    VolumeLocks.Held held = locks.acquire(key, deadline, volume.dir().toString());
    return held::close;
  }
}
