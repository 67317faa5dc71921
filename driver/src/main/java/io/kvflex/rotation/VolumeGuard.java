package io.kvflex.rotation;

import java.time.Instant;
import java.util.Optional;

/**
 * What rotation needs from the mount lifecycle: whether a directory still holds the volume it is
 * polling, and the volume's lock, the same one {@code mount} and {@code unmount} take, so files
 * never change while the volume is being unmounted (or mounted anew).
 */
public interface VolumeGuard {

  /**
   * Why {@code volume}'s directory no longer holds it (not mounted, another mount); empty if it
   * does.
   */
  Optional<String> whyGone(RotatingVolume volume);

  /**
   * Waits until {@code deadline} for the volume's lock.
   *
   * @throws io.kvflex.errors.LocalWriteException when it is not free in time
   */
  Held lock(RotatingVolume volume, Instant deadline);

  /** A held volume lock. */
  interface Held extends AutoCloseable {
    @Override
    void close();
  }
}
