package io.kvflex.localvault.stats;

import java.util.List;
import java.util.function.Predicate;

/**
 * A snapshot of request counts per operation, vault, object, identity and status.
 *
 * <p>Operations: {@code secrets.get}, {@code secrets.list}, {@code secrets.versions}, {@code
 * secrets.set}, {@code secrets.update}, the same for {@code keys.*} ({@code keys.create}) and
 * {@code certificates.*} ({@code certificates.create}, {@code certificates.import}, {@code
 * certificates.pending}, {@code certificates.policy}), {@code token.clientCredentials}, {@code
 * token.openid}, {@code token.discovery}, {@code imds.token}, {@code nmi.token}. Identity is the
 * seed name of the caller, or {@code -} when unauthenticated.
 */
public record RequestCounts(List<Entry> entries) {

  public RequestCounts {
    entries = List.copyOf(entries);
  }

  /** One counter. */
  public record Entry(
      String operation, String vault, String object, String identity, int status, long count) {}

  public long total() {
    return entries.stream().mapToLong(Entry::count).sum();
  }

  public long count(Predicate<Entry> filter) {
    return entries.stream().filter(filter).mapToLong(Entry::count).sum();
  }

  /** All requests of one operation. */
  public long count(String operation) {
    return count(e -> e.operation().equals(operation));
  }

  /** Requests of one operation by one identity (seed name). */
  public long count(String operation, String identity) {
    return count(e -> e.operation().equals(operation) && e.identity().equals(identity));
  }

  /** Successful (2xx) requests of one operation on one object of one vault. */
  public long successful(String operation, String vault, String object) {
    return count(
        e ->
            e.operation().equals(operation)
                && e.vault().equals(vault)
                && e.object().equalsIgnoreCase(object)
                && e.status() / 100 == 2);
  }
}
