package io.kvflex.rotation;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code kv status} shows of one rotating volume. Never a value or a credential.
 *
 * @param origin {@code mount} (mounted through this agent) or {@code discovered} (found again after
 *     an agent restart, or mounted while no agent ran)
 * @param state {@code polling}, {@code failing}, or why the volume is not polled
 * @param lastResult {@code unchanged}, {@code rotated}, {@code failed} or {@code none} yet
 * @param lastError the message of the last failed poll, when the last poll failed
 */
public record VolumeStatus(
    Path dir,
    String pod,
    String vault,
    String identity,
    Duration interval,
    String origin,
    String state,
    Optional<Instant> lastRefresh,
    String lastResult,
    Optional<Instant> lastRotation,
    Optional<Instant> nextRefresh,
    long refreshes,
    long rotations,
    long failures,
    int consecutiveFailures,
    Optional<String> lastError,
    List<ObjectStatus> objects) {

  public VolumeStatus {
    Objects.requireNonNull(dir);
    objects = List.copyOf(objects);
  }

  /**
   * One object of the volume.
   *
   * @param object e.g. {@code secret/db-password (latest)}
   * @param version the version mounted, when known
   * @param pinned pinned objects are never polled
   */
  public record ObjectStatus(String object, Optional<String> version, boolean pinned) {}
}
