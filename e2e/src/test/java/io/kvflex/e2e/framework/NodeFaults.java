package io.kvflex.e2e.framework;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a scenario can do to the node itself (kill the driver, race it, plant things in a pod's
 * directory, starve it of memory). Only a backend that runs on this machine offers it: the host
 * backend; scenarios that need it are not tagged {@code @k3s}.
 */
public interface NodeFaults {

  /** What a scenario plants at a pod's volume directory before the kubelet unmounts it. */
  enum Stray {
    REGULAR_FILE,
    SYMLINK_TO_FOREIGN_TMPFS,
    FOREIGN_TMPFS
  }

  /** {@code kv mount} with the driver killed (SIGKILL) at a named lifecycle step (test hook). */
  Mount mountKilledAt(PodSpec pod, String step);

  /** {@code kv mount} killed with everything it started after {@code delay}. */
  Mount mountKilledAfter(PodSpec pod, Duration delay);

  /** {@code times} kubelet workers mounting the same pod volume at the same instant. */
  List<Mount> mountAtOnce(PodSpec pod, int times);

  /** The mounts stacked at the volume directory, bottom first, e.g. {@code tmpfs from "x"}. */
  List<String> layers(Mount mount);

  /** A kubelet-shaped volume directory of pod {@code pod} prepared as {@code stray}. */
  Mount plant(PodSpec pod, Stray stray);

  /** Whether what {@link #plant} put there (a file, a foreign tmpfs) is still intact. */
  boolean plantedIntact();

  /** Points the driver's log at a symbolic link to a file holding {@code content}. */
  void logThroughSymlinkTo(String content);

  /** Whether that file still holds exactly {@code content} with mode 0644. */
  boolean symlinkTargetUntouched(String content);

  /** Runs the driver with at most this much virtual memory (too little for a JVM to start). */
  void limitDriverMemoryKib(long kib);

  /** Mounts and staging directories left in the driver's run directory. */
  List<String> runDirLeftovers();

  /**
   * The legacy driver in this scenario's plugin directory (its {@code kv} script and helper), as a
   * node has it before kvflex is installed.
   */
  void installLegacyDriver();

  /**
   * A volume of {@code pod} as the legacy driver mounted it: {@code mount -t tmpfs tmpfs <dir>} at
   * the pod's volume directory, then its files written there.
   */
  Mount mountByLegacyDriver(PodSpec pod, Map<String, String> files);

  /**
   * The real installer over the legacy driver (adopting from this node's mount table into the
   * scenario's run directory); the kubelet calls the new driver from then on. Returns its output.
   */
  String upgradeFromLegacyDriver();

  /** The mount points of the adoption records in the driver's run directory. */
  List<String> adoptedMountPoints();
}
