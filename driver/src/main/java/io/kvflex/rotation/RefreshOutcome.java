package io.kvflex.rotation;

import io.kvflex.errors.KvflexException;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What one poll of a volume came to. */
sealed interface RefreshOutcome {

  /** Fetched and rendered; every file's bytes equal what is mounted, nothing was written. */
  record Unchanged(Map<ObjectRef, String> versions) implements RefreshOutcome {
    public Unchanged {
      versions = Map.copyOf(versions);
    }
  }

  /** At least one file differed: the whole set was swapped in through {@code ..data}. */
  record Rotated(Map<ObjectRef, String> versions, List<VersionChange> changes, int files)
      implements RefreshOutcome {
    public Rotated {
      versions = Map.copyOf(versions);
      changes = List.copyOf(changes);
    }
  }

  /** The poll failed; the mounted files are as they were. */
  record Failed(KvflexException failure) implements RefreshOutcome {
    public Failed {
      Objects.requireNonNull(failure);
    }
  }

  /**
   * The directory no longer holds this volume (unmounted, or mounted anew for other options), or
   * the volume was stopped meanwhile: polling it ends.
   */
  record Gone(String reason) implements RefreshOutcome {
    public Gone {
      Objects.requireNonNull(reason);
    }
  }
}
