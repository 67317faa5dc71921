package io.kvflex.localvault.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe request counters. */
public final class RequestCounter {
  private record Key(String operation, String vault, String object, String identity, int status) {}

  private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();

  public void record(String operation, String vault, String object, String identity, int status) {
    counts
        .computeIfAbsent(new Key(operation, vault, object, identity, status), k -> new LongAdder())
        .increment();
  }

  public RequestCounts snapshot() {
    List<RequestCounts.Entry> out = new ArrayList<>();
    counts.forEach(
        (k, v) ->
            out.add(
                new RequestCounts.Entry(
                    k.operation(), k.vault(), k.object(), k.identity(), k.status(), v.sum())));
    out.sort(
        java.util.Comparator.comparing(RequestCounts.Entry::operation)
            .thenComparing(RequestCounts.Entry::vault)
            .thenComparing(RequestCounts.Entry::object)
            .thenComparing(RequestCounts.Entry::identity)
            .thenComparingInt(RequestCounts.Entry::status));
    return new RequestCounts(out);
  }

  public void reset() {
    counts.clear();
  }
}
