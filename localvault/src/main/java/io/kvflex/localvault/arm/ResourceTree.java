package io.kvflex.localvault.arm;

import io.kvflex.localvault.seed.ControlPlaneSpec;
import io.kvflex.localvault.seed.ManagementGroupSpec;
import io.kvflex.localvault.seed.SubscriptionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The scope tree: {@code /}, tenant root groups, management groups, subscriptions and everything
 * below them by resource id. A scope covers a target when it is {@code /}, a management group above
 * the target's subscription, or the target itself or a segment-wise prefix of it.
 */
public final class ResourceTree {
  public static final String MANAGEMENT_GROUPS =
      "/providers/Microsoft.Management/managementGroups/";

  private final List<String> tenants;
  private final List<ManagementGroupSpec> groups;
  private final List<SubscriptionSpec> subscriptions;

  ResourceTree(List<String> tenants, ControlPlaneSpec spec) {
    this.tenants = List.copyOf(tenants);
    this.groups = spec.managementGroups();
    this.subscriptions = spec.subscriptions();
  }

  public Optional<SubscriptionSpec> subscription(String id) {
    return subscriptions.stream().filter(s -> s.id().equalsIgnoreCase(id)).findFirst();
  }

  public List<SubscriptionSpec> subscriptions() {
    return subscriptions;
  }

  /** Whether {@code scope} is {@code target} or above it. */
  public boolean covers(String scope, String target) {
    String s = trim(scope).toLowerCase(Locale.ROOT);
    String t = trim(target).toLowerCase(Locale.ROOT);
    if (s.isEmpty() || s.equals(t) || t.startsWith(s + "/")) {
      return true;
    }
    String mgPrefix = MANAGEMENT_GROUPS.toLowerCase(Locale.ROOT);
    if (s.startsWith(mgPrefix)) {
      String name = s.substring(mgPrefix.length());
      return managementGroupChain(t).stream().anyMatch(g -> g.equalsIgnoreCase(name));
    }
    return false;
  }

  /** Whether the two scopes are the same. */
  public static boolean same(String a, String b) {
    return trim(a).equalsIgnoreCase(trim(b));
  }

  /**
   * The management groups above {@code target}, nearest first, ending at the tenant root group; a
   * subscription the seed does not declare hangs under the first tenant's root group.
   */
  List<String> managementGroupChain(String target) {
    String t = trim(target);
    String mgPrefix = MANAGEMENT_GROUPS.toLowerCase(Locale.ROOT);
    String start;
    if (t.toLowerCase(Locale.ROOT).startsWith(mgPrefix)) {
      start = t.substring(mgPrefix.length());
    } else if (t.toLowerCase(Locale.ROOT).startsWith("/subscriptions/")) {
      String id = t.split("/")[2];
      start = subscription(id).map(SubscriptionSpec::managementGroup).orElse(tenants.get(0));
    } else {
      return List.of();
    }
    List<String> chain = new ArrayList<>();
    String at = start;
    while (at != null && chain.size() <= groups.size() + 1) {
      chain.add(at);
      if (tenants.stream().anyMatch(at::equalsIgnoreCase)) {
        break;
      }
      String current = at;
      at =
          groups.stream()
              .filter(g -> g.name().equalsIgnoreCase(current))
              .map(ManagementGroupSpec::parent)
              .findFirst()
              .orElse(null);
    }
    return chain;
  }

  private static String trim(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
