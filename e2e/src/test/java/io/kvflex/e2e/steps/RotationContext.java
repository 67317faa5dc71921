package io.kvflex.e2e.steps;

import io.kvflex.e2e.framework.Mount;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The rotating volumes of this scenario: their interval, named pods, and a reader of its files. */
public final class RotationContext {
  /** The interval of the volumes mounted in this scenario (all use the same). */
  Duration interval = Duration.ofSeconds(5);

  /** Pods by the role the scenario names them with ("managed identity", "service principal"). */
  final Map<String, Mount> byRole = new HashMap<>();

  /** A pod reading its volume's files while they rotate, if one was started. */
  Optional<VolumeReader> reader = Optional.empty();

  Mount role(String role) {
    Mount m = byRole.get(role);
    if (m == null) {
      throw new IllegalStateException("no pod of the " + role + " was mounted in this scenario");
    }
    return m;
  }
}
