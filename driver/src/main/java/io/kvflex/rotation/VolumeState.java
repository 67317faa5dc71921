package io.kvflex.rotation;

import io.kvflex.options.VaultObjectSpec;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;

/** The scheduler's mutable record of one polled volume; guarded by the scheduler's monitor. */
final class VolumeState {
  final RotatingVolume volume;
  final String origin;
  final Map<ObjectRef, String> versions = new HashMap<>();
  Instant nextPoll;
  Instant lastPoll;
  Instant lastRotation;
  String lastResult = "none";
  String lastError;
  long polls;
  long rotations;
  long failures;
  int streak;
  Instant streakSince;
  boolean inFlight;
  Future<?> running;
  boolean stopped;

  VolumeState(
      RotatingVolume volume, String origin, Map<ObjectRef, String> versions, Instant first) {
    this.volume = volume;
    this.origin = origin;
    this.versions.putAll(versions);
    this.nextPoll = first;
  }

  VolumeStatus snapshot(Optional<Instant> heldUntil) {
    List<VolumeStatus.ObjectStatus> objects = new ArrayList<>();
    for (VaultObjectSpec spec : volume.request().objects()) {
      String name = spec.ref().describe();
      if (objects.stream().noneMatch(o -> o.object().equals(name))) {
        objects.add(
            new VolumeStatus.ObjectStatus(
                name,
                spec.version().or(() -> Optional.ofNullable(versions.get(spec.ref()))),
                spec.version().isPresent()));
      }
    }
    Instant next = heldUntil.filter(h -> h.isAfter(nextPoll)).orElse(nextPoll);
    return new VolumeStatus(
        volume.dir(),
        volume.pod(),
        volume.request().vaultName(),
        volume.request().identity().describe(),
        volume.interval(),
        origin,
        inFlight ? "polling now" : streak > 0 ? "failing" : "polling",
        Optional.ofNullable(lastPoll),
        lastResult,
        Optional.ofNullable(lastRotation),
        Optional.of(next),
        polls,
        rotations,
        failures,
        streak,
        streak > 0 ? Optional.ofNullable(lastError) : Optional.empty(),
        objects);
  }
}
