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
  private final Function<T, String> nameOf;
  private final Function<T, String> versionOf;

  public ObjectTable(Function<T, String> nameOf, Function<T, String> versionOf) {
    this.nameOf = nameOf;
    this.versionOf = versionOf;
  }

  public Optional<VersionHistory<T>> find(String name) {
    return Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
  }

  /** Adds a new version (the new latest). */
  public void add(T value) {
    byName
        .computeIfAbsent(
            nameOf.apply(value).toLowerCase(Locale.ROOT), k -> new VersionHistory<>(versionOf))
        .add(value);
  }

  /** Latest version of every object, in name order. */
  public List<T> latestOfEach() {
    return byName.values().stream().map(VersionHistory::latest).toList();
  }
}
