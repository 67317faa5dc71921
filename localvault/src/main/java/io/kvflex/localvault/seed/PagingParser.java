package io.kvflex.localvault.seed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a vault's {@code paging:} block: {@code seed} (varying 17-25 item pages from another seed)
 * or {@code sizes} (a fixed cycle of page sizes; 0 = an empty page with a nextLink).
 */
final class PagingParser {
  private PagingParser() {}

  static PagingSpec parse(YamlNode n, String vaultName) {
    Map<String, YamlNode> f = n.fields(Set.of("seed", "sizes"));
    if (f.containsKey("seed") && f.containsKey("sizes")) {
      throw n.error("give either 'seed' (varying 17-25 item pages) or 'sizes', not both");
    }
    if (f.containsKey("seed")) {
      return PagingSpec.varying(f.get("seed").integer(Long.MIN_VALUE, Long.MAX_VALUE));
    }
    YamlNode sizesNode = f.get("sizes");
    if (sizesNode == null) {
      return PagingSpec.defaultFor(vaultName);
    }
    List<Integer> sizes = new ArrayList<>();
    for (YamlNode s : sizesNode.items()) {
      sizes.add(s.smallInt(0, PagingSpec.MAX_PAGE));
    }
    if (sizes.isEmpty()) {
      throw sizesNode.error("needs at least one page size, e.g. [0, 25]");
    }
    try {
      return new PagingSpec(sizes, 0);
    } catch (IllegalArgumentException e) {
      throw sizesNode.error(e.getMessage() + " (0 is an empty page with a nextLink), e.g. [0, 25]");
    }
  }
}
