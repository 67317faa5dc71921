package io.kvflex.rotation;

import io.kvflex.errors.KvflexException;
import io.kvflex.flexvolume.log.EventLog;
import io.kvflex.options.MountRequest;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Finds the rotating volumes the node holds but no one polls: after a node agent restart, and
 * volumes the launcher mounted in-process while the agent was down or busy. A volume whose record
 * names an identity the node can obtain on its own (pod identity, VM managed identity) is parsed
 * again from its kept options, by the same parser as a mount (the node's pod evidence included),
 * and polled again once the lifecycle's guard confirms that the volume mounted there is the one
 * that request describes (it checks that again before every poll). A service-principal volume is
 * not: its credentials lived only in the memory of the agent that mounted it. Such volumes are
 * logged once ({@code rotation.not_resumed}) and shown by {@code kv status}; their files stay as
 * they are.
 */
final class Discovery {
  static final String SERVICE_PRINCIPAL_REASON =
      "its service-principal credentials are not in this agent's memory (they reach an agent only"
          + " with a mount it serves, and live nowhere else: the volume was mounted before the agent"
          + " restarted, or in-process while no agent could take the call); the files stay as last"
          + " written; restart the pod to mount it again through the agent, or use pod identity or"
          + " VM managed identity, which an agent can obtain again on its own";

  private final MountedVolumes mounts;
  private final BiFunction<String, Path, MountRequest> parse;
  private final RotationScheduler scheduler;
  private final VolumeGuard guard;
  private final EventLog log;
  private final Map<Path, Dormant> dormant = new LinkedHashMap<>();

  /** A rotating volume that is not polled, and why. */
  record Dormant(Path dir, RotationRecord record, String reason) {}

  /**
   * @param parse the engine's parse of kept options for a volume directory (throws the taxonomy's
   *     UserInputException when they no longer parse)
   */
  Discovery(
      MountedVolumes mounts,
      BiFunction<String, Path, MountRequest> parse,
      RotationScheduler scheduler,
      VolumeGuard guard,
      EventLog log) {
    this.mounts = mounts;
    this.parse = parse;
    this.scheduler = scheduler;
    this.guard = guard;
    this.log = log;
  }

  /** Looks once; returns how many volumes it started polling. */
  synchronized int scan() {
    int resumed = 0;
    Set<Path> seen = new HashSet<>();
    for (MountedVolumes.Found found : mounts.list()) {
      Path dir = found.dir().toAbsolutePath().normalize();
      seen.add(dir);
      if (scheduler.isPolled(dir) || dormant.containsKey(dir)) {
        continue;
      }
      var record = RotationRecord.find(found.markerLines());
      if (record.isEmpty()) {
        continue; // mounted without rotationpollinterval
      }
      if (!record.get().resumable()) {
        park(dir, record.get(), SERVICE_PRINCIPAL_REASON);
        continue;
      }
      try {
        MountRequest request = parse.apply(record.get().storedOptions(), dir);
        if (!request.rotates()) {
          continue;
        }
        RotatingVolume volume = new RotatingVolume(dir, request);
        var gone = guard.whyGone(volume);
        if (gone.isPresent()) {
          park(
              dir,
              record.get(),
              "the volume mounted there is not the one its marker describes: " + gone.get());
          continue;
        }
        scheduler.add(volume, Map.of(), true);
        resumed++;
      } catch (KvflexException e) {
        park(dir, record.get(), "its options no longer parse: " + e.getMessage());
      }
    }
    dormant.keySet().retainAll(seen);
    return resumed;
  }

  /**
   * The rotating volumes not polled. One mounted again through this agent (the kubelet's call
   * brings a service principal's credentials back) is polled from then on and no longer listed.
   */
  synchronized List<Dormant> dormant() {
    dormant.keySet().removeIf(scheduler::isPolled);
    return List.copyOf(dormant.values());
  }

  private void park(Path dir, RotationRecord record, String reason) {
    dormant.put(dir, new Dormant(dir, record, reason));
    log.warn(
        "rotation.not_resumed",
        "dir",
        dir,
        "identity",
        record.identity(),
        "interval_s",
        record.interval().toSeconds(),
        "reason",
        reason);
  }
}
