package io.kvflex.options;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Files the kubelet itself wrote that say which pod a uid belongs to. The pod impersonation guard
 * compares them with the {@code kubernetes.io/pod.*} keys, which a pod author can override.
 */
public interface PodEvidence {
  /** No evidence at all (the guard then checks only the mount directory). */
  PodEvidence NONE = (kubeletRoot, podUid) -> List.of();

  /**
   * What kubelet-written files say about pod {@code podUid}; empty when they do not exist (yet).
   *
   * @param kubeletRoot the kubelet root directory, taken from the mount directory
   */
  List<Fact> lookup(Path kubeletRoot, String podUid);

  /**
   * One fact: option key it vouches for (e.g. {@code kubernetes.io/pod.namespace}), the value, and
   * the file or directory it was read from (named in the error).
   */
  record Fact(String option, String value, String source) {
    public Fact {
      Objects.requireNonNull(option);
      Objects.requireNonNull(value);
      Objects.requireNonNull(source);
    }
  }
}
