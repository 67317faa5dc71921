package io.kvflex.localvault.seed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses what localvault's ARM and Graph serve: {@code groups}, the {@code arm} section (management
 * groups, subscriptions, custom roles, role and deny assignments) and each vault's {@code
 * enableRbacAuthorization}, {@code subscription} and {@code resourceGroup}. Every reference
 * (identity, group, role, scope, object) must resolve; errors name {@code file:line}.
 */
final class ControlPlaneParser {
  /** The keys of a {@code vaults[]} entry this parser reads. */
  static final Set<String> VAULT_KEYS =
      Set.of("enableRbacAuthorization", "subscription", "resourceGroup");

  private static final Set<String> ARM_KEYS =
      Set.of(
          "managementGroups",
          "subscriptions",
          "roleDefinitions",
          "roleAssignments",
          "denyAssignments");
  static final Pattern GUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern RG_NAME = Pattern.compile("[-\\w.()]{0,89}[-\\w()]");

  private final List<TenantSpec> tenants;
  private final List<String> tenantIds;
  private final IdentityRefs refs;
  private final List<VaultSpec> vaults;

  /**
   * @param refs identities and groups ({@link GroupParser}) the seed declares
   */
  ControlPlaneParser(List<TenantSpec> tenants, IdentityRefs refs, List<VaultSpec> vaults) {
    this.tenants = tenants;
    this.tenantIds = tenants.stream().map(TenantSpec::id).toList();
    this.refs = refs;
    this.vaults = vaults;
  }

  ControlPlaneSpec parse(Optional<YamlNode> armNode, List<YamlNode> vaultNodes) {
    Map<String, YamlNode> arm = armNode.map(a -> a.fields(ARM_KEYS)).orElse(Map.of());
    List<ManagementGroupSpec> mgs = managementGroups(list(arm, "managementGroups"));
    List<SubscriptionSpec> subs = subscriptions(list(arm, "subscriptions"), mgs);
    List<VaultPlacement> placements = placements(vaultNodes, subs);
    ScopeResolver scopes = new ScopeResolver(tenantIds, mgs, subs, placements, vaults);
    AssignmentParser assignments = new AssignmentParser(refs, scopes);
    List<RoleDefinitionSpec> roles = new ArrayList<>(BuiltInRoleDefinitions.all());
    for (YamlNode n : list(arm, "roleDefinitions")) {
      roles.add(assignments.customRole(n, roles));
    }
    List<RoleAssignmentSpec> roleAssignments = new ArrayList<>();
    for (YamlNode n : list(arm, "roleAssignments")) {
      roleAssignments.add(assignments.roleAssignment(n, roles));
    }
    List<DenyAssignmentSpec> denies = new ArrayList<>();
    for (YamlNode n : list(arm, "denyAssignments")) {
      denies.add(assignments.denyAssignment(n));
    }
    return new ControlPlaneSpec(
        refs.groups(), mgs, subs, placements, roles, roleAssignments, denies);
  }

  // ---- the resource tree -----------------------------------------------------------------------

  private List<ManagementGroupSpec> managementGroups(List<YamlNode> nodes) {
    List<ManagementGroupSpec> out = new ArrayList<>();
    Map<String, YamlNode> where = new HashMap<>();
    for (YamlNode n : nodes) {
      Map<String, YamlNode> f = n.fields(Set.of("name", "tenant", "parent"));
      YamlNode nameNode = YamlNode.required(n, f, "name");
      String name = SeedLoader.requireId(nameNode);
      if (tenantIds.contains(name) || where.put(name.toLowerCase(Locale.ROOT), n) != null) {
        throw nameNode.error("management group '" + name + "' is declared twice");
      }
      String tenant = tenant(f);
      out.add(
          new ManagementGroupSpec(
              name, tenant, YamlNode.opt(f, "parent").map(YamlNode::scalar).orElse(tenant)));
      YamlNode.opt(f, "parent").ifPresent(p -> where.put(name.toLowerCase(Locale.ROOT), p));
    }
    for (ManagementGroupSpec g : out) {
      // Errors point at the group's parent line when it has one.
      YamlNode n = where.get(g.name().toLowerCase(Locale.ROOT));
      // Walk up: every parent must exist, and the walk must end at a tenant root.
      Set<String> path = new HashSet<>();
      String at = g.parent();
      while (!tenantIds.contains(at)) {
        String current = at;
        ManagementGroupSpec parent =
            out.stream()
                .filter(p -> p.name().equalsIgnoreCase(current))
                .findFirst()
                .orElseThrow(
                    () -> n.error("parent management group '" + current + "' is not declared"));
        if (!path.add(parent.name()) || parent.name().equalsIgnoreCase(g.name())) {
          throw n.error("management group '" + g.name() + "' is its own ancestor");
        }
        at = parent.parent();
      }
    }
    return out;
  }

  private List<SubscriptionSpec> subscriptions(
      List<YamlNode> nodes, List<ManagementGroupSpec> mgs) {
    List<SubscriptionSpec> out = new ArrayList<>();
    for (YamlNode n : nodes) {
      Map<String, YamlNode> f =
          n.fields(Set.of("id", "name", "tenant", "managementGroup", "resourceGroups"));
      YamlNode idNode = YamlNode.required(n, f, "id");
      String id = idNode.scalar().toLowerCase(Locale.ROOT);
      if (!GUID.matcher(id).matches()) {
        throw idNode.error("subscription id '" + idNode.scalar() + "' is not a GUID");
      }
      if (out.stream().anyMatch(s -> s.id().equals(id))) {
        throw idNode.error("subscription " + id + " is declared twice");
      }
      String tenant = tenant(f);
      String mg = YamlNode.opt(f, "managementGroup").map(YamlNode::scalar).orElse(tenant);
      if (!tenantIds.contains(mg) && mgs.stream().noneMatch(m -> m.name().equalsIgnoreCase(mg))) {
        throw f.get("managementGroup").error("no management group named '" + mg + "'");
      }
      List<String> rgs = new ArrayList<>();
      for (YamlNode rg : YamlNode.opt(f, "resourceGroups").map(YamlNode::items).orElse(List.of())) {
        if (!RG_NAME.matcher(rg.scalar()).matches()) {
          throw rg.error("'" + rg.scalar() + "' is not a resource group name");
        }
        rgs.add(rg.scalar());
      }
      out.add(
          new SubscriptionSpec(
              id, YamlNode.opt(f, "name").map(YamlNode::scalar).orElse(id), tenant, mg, rgs));
    }
    if (out.stream().noneMatch(s -> s.id().equals(ControlPlaneSpec.DEFAULT_SUBSCRIPTION))) {
      out.add(ControlPlaneSpec.defaultSubscription(tenants.get(0).id()));
    }
    return out;
  }

  private List<VaultPlacement> placements(List<YamlNode> vaultNodes, List<SubscriptionSpec> subs) {
    List<VaultPlacement> out = new ArrayList<>();
    Set<String> all = new HashSet<>(VaultParser.FIELDS);
    for (int i = 0; i < vaultNodes.size(); i++) {
      YamlNode n = vaultNodes.get(i);
      Map<String, YamlNode> f = n.fields(all);
      VaultSpec v = vaults.get(i);
      boolean rbac = YamlNode.opt(f, "enableRbacAuthorization").map(YamlNode::bool).orElse(false);
      Optional<YamlNode> subNode = YamlNode.opt(f, "subscription");
      Optional<YamlNode> rgNode = YamlNode.opt(f, "resourceGroup");
      SubscriptionSpec sub;
      String rg;
      if (rgNode.isEmpty()) {
        if (subNode.isPresent()) {
          throw subNode.get().error("give resourceGroup too: a vault sits in a resource group");
        }
        sub =
            subs.stream()
                .filter(s -> s.id().equals(ControlPlaneSpec.DEFAULT_SUBSCRIPTION))
                .findFirst()
                .orElseThrow();
        rg = ControlPlaneSpec.DEFAULT_RESOURCE_GROUP;
      } else {
        String want = rgNode.get().scalar();
        List<SubscriptionSpec> owners =
            subs.stream()
                .filter(
                    s ->
                        subNode.isEmpty()
                            || s.id().equalsIgnoreCase(subNode.get().scalar())
                            || s.name().equals(subNode.get().scalar()))
                .filter(s -> s.resourceGroups().stream().anyMatch(want::equalsIgnoreCase))
                .toList();
        if (owners.size() != 1) {
          throw rgNode
              .get()
              .error(
                  owners.isEmpty()
                      ? "no subscription declares resource group '" + want + "'"
                      : "resource group '"
                          + want
                          + "' is in several subscriptions; add subscription");
        }
        sub = owners.get(0);
        rg = sub.resourceGroups().stream().filter(want::equalsIgnoreCase).findFirst().orElseThrow();
      }
      out.add(new VaultPlacement(v.name(), sub.id(), rg, rbac));
    }
    return out;
  }

  // ---- small helpers --------------------------------------------------------------------------

  private String tenant(Map<String, YamlNode> f) {
    Optional<YamlNode> t = YamlNode.opt(f, "tenant");
    if (t.isEmpty()) {
      return tenantIds.get(0);
    }
    if (!tenantIds.contains(t.get().scalar())) {
      throw t.get().error("unknown tenant '" + t.get().scalar() + "'; declare it under 'tenants'");
    }
    return t.get().scalar();
  }

  static List<String> strings(Map<String, YamlNode> f, String key) {
    return YamlNode.opt(f, key).filter(v -> !v.isNull()).map(YamlNode::strings).orElse(List.of());
  }

  private static List<YamlNode> list(Map<String, YamlNode> f, String key) {
    return YamlNode.opt(f, key).map(YamlNode::items).orElse(List.of());
  }
}
