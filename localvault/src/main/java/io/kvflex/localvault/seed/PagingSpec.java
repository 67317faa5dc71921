package io.kvflex.localvault.seed;

import java.util.List;
import java.util.SplittableRandom;

/**
 * How a vault splits list results into pages. The real service fills a page with 17 to 25 items
 * (never more than {@code maxresults}) and now and then answers a page with no items but a {@code
 * nextLink}; clients must follow nextLinks, not count items.
 *
 * @param sizes page {@code i} holds {@code sizes[i mod n]} items, 0 being an empty page that still
 *     links to the next; empty: sizes vary from 17 to 25, drawn from {@code seed}
 * @param seed makes the varying sizes the same from run to run
 */
public record PagingSpec(List<Integer> sizes, long seed) {
  public static final int MAX_PAGE = 25;
  static final int MIN_VARYING = 17;

  public PagingSpec {
    sizes = List.copyOf(sizes);
    if (sizes.stream().anyMatch(s -> s < 0 || s > MAX_PAGE)) {
      throw new IllegalArgumentException("page sizes must be 0 to " + MAX_PAGE + ": " + sizes);
    }
    if (!sizes.isEmpty() && sizes.stream().allMatch(s -> s == 0)) {
      throw new IllegalArgumentException("at least one page size must be above 0: " + sizes);
    }
  }

  /** Varying 17-25 item pages drawn from {@code seed}. */
  public static PagingSpec varying(long seed) {
    return new PagingSpec(List.of(), seed);
  }

  /** The default of a vault: varying sizes, seeded by its name so runs repeat. */
  public static PagingSpec defaultFor(String vaultName) {
    return varying(vaultName.hashCode());
  }

  /** How many items page {@code index} (0 = first) holds at most. */
  public int pageSize(int index) {
    if (!sizes.isEmpty()) {
      return sizes.get(index % sizes.size());
    }
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index)
        .nextInt(MIN_VARYING, MAX_PAGE + 1);
  }
}
