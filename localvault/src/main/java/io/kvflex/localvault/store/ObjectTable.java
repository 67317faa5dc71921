package io.kvflex.localvault.store;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;

/**
 * Objects of one kind in one vault, by name. Names are case-insensitive as in Key Vault; listing
 * order is stable (sorted), which keeps paging tokens meaningful.
 */
public final class ObjectTable<T> {
  private final Map<String, VersionHistory<T>> byName = new ConcurrentSkipListMap<>();
  private final Map<String, Deleted<T>> deleted = new ConcurrentSkipListMap<>();
  private final Function<T, String> nameOf;
  private final Function<T, String> versionOf;

  public ObjectTable(Function<T, String> nameOf, Function<T, String> versionOf) {
    this.nameOf = nameOf;
    this.versionOf = versionOf;
  }

  public Optional<VersionHistory<T>> find(String name) {
    return Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
  }

  /** The named version of {@code name}, or its latest version when {@code version} is empty. */
  public Optional<T> find(String name, String version) {
    Optional<VersionHistory<T>> h = find(name);
    return version.isEmpty() ? h.map(VersionHistory::latest) : h.flatMap(v -> v.version(version));
  }

  /** Adds a new version (the new latest). */
  public void add(T value) {
    byName
        .computeIfAbsent(
            nameOf.apply(value).toLowerCase(Locale.ROOT), k -> new VersionHistory<>(versionOf))
        .add(value);
  }

  /** A soft-deleted object (Unix seconds). */
  public record Deleted<T>(VersionHistory<T> history, long deletedDate, long scheduledPurgeDate) {}

  /** Soft-deletes an object: it disappears from gets and lists and can be recovered or purged. */
  public synchronized Optional<Deleted<T>> delete(String name, long now, int retentionDays) {
    VersionHistory<T> h = byName.remove(name.toLowerCase(Locale.ROOT));
    if (h == null) {
      return Optional.empty();
    }
    Deleted<T> d = new Deleted<>(h, now, now + retentionDays * 86_400L);
    deleted.put(name.toLowerCase(Locale.ROOT), d);
    return Optional.of(d);
  }

  public Optional<Deleted<T>> findDeleted(String name) {
    return Optional.ofNullable(deleted.get(name.toLowerCase(Locale.ROOT)));
  }

  public boolean isDeleted(String name) {
    return deleted.containsKey(name.toLowerCase(Locale.ROOT));
  }

  public List<Deleted<T>> allDeleted() {
    return List.copyOf(deleted.values());
  }

  public synchronized boolean purge(String name) {
    return deleted.remove(name.toLowerCase(Locale.ROOT)) != null;
  }

  public synchronized Optional<VersionHistory<T>> recover(String name) {
    Deleted<T> d = deleted.remove(name.toLowerCase(Locale.ROOT));
    if (d == null) {
      return Optional.empty();
    }
    byName.put(name.toLowerCase(Locale.ROOT), d.history());
    return Optional.of(d.history());
  }

  /** Latest version of every object, in name order. */
  public List<T> latestOfEach() {
    return byName.values().stream().map(VersionHistory::latest).toList();
  }
}
