package io.kvflex.rotation;

import io.kvflex.options.VaultObjectSpec.ObjectRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One object whose files changed in a swap: the version that was mounted (unknown for a volume
 * found again after an agent restart) and the one now mounted. Never a value.
 *
 * @param files the object's files in the volume
 */
record VersionChange(ObjectRef ref, Optional<String> from, String to, List<String> files) {
  VersionChange {
    Objects.requireNonNull(ref);
    Objects.requireNonNull(from);
    Objects.requireNonNull(to);
    files = List.copyOf(files);
  }
}
