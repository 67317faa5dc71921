package io.kvflex.localvault.seed;

import java.util.List;

/** A subscription under a management group, with its resource groups. */
public record SubscriptionSpec(
    String id, String name, String tenant, String managementGroup, List<String> resourceGroups) {
  public SubscriptionSpec {
    resourceGroups = List.copyOf(resourceGroups);
  }
}
