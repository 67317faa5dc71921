package io.kvflex.localvault.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** The versions of one object, oldest first; thread-safe. */
public final class VersionHistory<T> {
  private final List<T> versions = new ArrayList<>();
  private final Function<T, String> versionOf;

  public VersionHistory(Function<T, String> versionOf) {
    this.versionOf = versionOf;
  }

  public synchronized void add(T v) {
    versions.add(v);
  }

  public synchronized T latest() {
    return versions.get(versions.size() - 1);
  }

  public synchronized Optional<T> version(String version) {
    return versions.stream().filter(v -> versionOf.apply(v).equalsIgnoreCase(version)).findFirst();
  }

  /** Snapshot, oldest first. */
  public synchronized List<T> all() {
    return List.copyOf(versions);
  }

  /** Replaces one version; returns the new value if the version exists. */
  public synchronized Optional<T> update(String version, UnaryOperator<T> change) {
    for (int i = 0; i < versions.size(); i++) {
      if (versionOf.apply(versions.get(i)).equalsIgnoreCase(version)) {
        T updated = change.apply(versions.get(i));
        versions.set(i, updated);
        return Optional.of(updated);
      }
    }
    return Optional.empty();
  }
}
