package io.kvflex.e2e.framework;

import java.util.Objects;

/**
 * One pod's volume mount attempt.
 *
 * @param pod what was asked for
 * @param dir the volume directory (host: the kubelet's mount dir; k3s: the pod's name)
 * @param reply the driver's answer to {@code kv mount} (k3s: reconstructed from pod events)
 */
public record Mount(PodSpec pod, String dir, DriverReply reply) {
  public Mount {
    Objects.requireNonNull(pod);
    Objects.requireNonNull(dir);
    Objects.requireNonNull(reply);
  }
}
