package io.kvflex.localvault.seed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
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
  private static final Pattern GUID =
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
    List<RoleDefinitionSpec> roles = new ArrayList<>(BuiltInRoleDefinitions.all());
    for (YamlNode n : list(arm, "roleDefinitions")) {
      roles.add(customRole(n, roles));
    }
    List<RoleAssignmentSpec> assignments = new ArrayList<>();
    for (YamlNode n : list(arm, "roleAssignments")) {
      assignments.add(roleAssignment(n, roles, scopes));
    }
    List<DenyAssignmentSpec> denies = new ArrayList<>();
    for (YamlNode n : list(arm, "denyAssignments")) {
      denies.add(denyAssignment(n, scopes));
    }
    return new ControlPlaneSpec(refs.groups(), mgs, subs, placements, roles, assignments, denies);
  }

  /** A principal reference: service principal, managed identity or group, by name or id. */
  private record Principal(String id, String type) {}

  private Principal principal(YamlNode n) {
    String ref = n.scalar();
    Optional<String> identity = refs.objectId(ref);
    if (identity.isPresent()) {
      return new Principal(identity.get(), "ServicePrincipal");
    }
    return refs.group(ref)
        .map(g -> new Principal(g.objectId(), "Group"))
        .orElseThrow(
            () -> n.error("no service principal, managed identity or group named '" + ref + "'"));
  }

  // ---- the resource tree -----------------------------------------------------------------------

  private List<ManagementGroupSpec> managementGroups(List<YamlNode> nodes) {
    List<ManagementGroupSpec> out = new ArrayList<>();
    Map<String, YamlNode> where = new HashMap<>();
    for (YamlNode n : nodes) {
      Map<String, YamlNode> f = n.fields(Set.of("name", "tenant", "parent"));
      YamlNode nameNode = YamlNode.required(n, f, "name");
      String name = SeedLoader.requireId(nameNode);
      if (tenantIds.contains(name) || where.put(name.toLowerCase(), n) != null) {
        throw nameNode.error("management group '" + name + "' is declared twice");
      }
      String tenant = tenant(f);
      out.add(
          new ManagementGroupSpec(
              name, tenant, YamlNode.opt(f, "parent").map(YamlNode::scalar).orElse(tenant)));
      YamlNode.opt(f, "parent").ifPresent(p -> where.put(name.toLowerCase(), p));
    }
    for (ManagementGroupSpec g : out) {
      // Errors point at the group's parent line when it has one.
      YamlNode n = where.get(g.name().toLowerCase());
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
      String id = idNode.scalar().toLowerCase();
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

  // ---- roles ------------------------------------------------------------------------------------

  private RoleDefinitionSpec customRole(YamlNode n, List<RoleDefinitionSpec> known) {
    Map<String, YamlNode> f =
        n.fields(
            Set.of(
                "name",
                "id",
                "description",
                "actions",
                "notActions",
                "dataActions",
                "notDataActions"));
    YamlNode nameNode = YamlNode.required(n, f, "name");
    String name = nameNode.scalar();
    String guid = YamlNode.opt(f, "id").map(this::guid).orElse(SeedLoader.derivedId("role", name));
    if (known.stream()
        .anyMatch(r -> r.roleName().equalsIgnoreCase(name) || r.guid().equals(guid))) {
      throw nameNode.error("a role named '" + name + "' (or with its id) already exists");
    }
    List<String> actions = strings(f, "actions");
    List<String> dataActions = strings(f, "dataActions");
    if (actions.isEmpty() && dataActions.isEmpty()) {
      throw n.error("role '" + name + "' grants nothing: give actions or dataActions");
    }
    return new RoleDefinitionSpec(
        guid,
        name,
        false,
        YamlNode.opt(f, "description").map(YamlNode::scalar).orElse(""),
        actions,
        strings(f, "notActions"),
        dataActions,
        strings(f, "notDataActions"),
        Optional.empty());
  }

  private RoleAssignmentSpec roleAssignment(
      YamlNode n, List<RoleDefinitionSpec> roles, ScopeResolver scopes) {
    Map<String, YamlNode> f = n.fields(Set.of("principal", "role", "scope", "condition"));
    if (f.containsKey("condition")) {
      throw f.get("condition")
          .error("ABAC conditions are not evaluated by localvault; leave condition out");
    }
    Principal p = principal(YamlNode.required(n, f, "principal"));
    YamlNode roleNode = YamlNode.required(n, f, "role");
    String ref = roleNode.scalar();
    RoleDefinitionSpec role =
        roles.stream()
            .filter(r -> r.roleName().equalsIgnoreCase(ref) || r.guid().equalsIgnoreCase(ref))
            .findFirst()
            .orElseThrow(
                () ->
                    roleNode.error(
                        "no role named '"
                            + ref
                            + "': use a built-in role name (e.g. Key Vault Secrets User) or one of"
                            + " arm.roleDefinitions"));
    String scope = scopes.resolve(YamlNode.required(n, f, "scope"));
    return new RoleAssignmentSpec(
        SeedLoader.derivedId("assignment", p.id() + "|" + role.guid() + "|" + scope),
        p.id(),
        p.type(),
        role.guid(),
        scope);
  }

  private DenyAssignmentSpec denyAssignment(YamlNode n, ScopeResolver scopes) {
    Map<String, YamlNode> f =
        n.fields(
            Set.of(
                "name",
                "scope",
                "principals",
                "excludePrincipals",
                "actions",
                "notActions",
                "dataActions",
                "notDataActions",
                "doNotApplyToChildScopes"));
    String name = YamlNode.required(n, f, "name").scalar();
    String scope = scopes.resolve(YamlNode.required(n, f, "scope"));
    List<String> principals = new ArrayList<>();
    for (YamlNode p : YamlNode.required(n, f, "principals").items()) {
      principals.add(
          p.scalar().equalsIgnoreCase("everyone")
              ? DenyAssignmentSpec.EVERYONE
              : principal(p).id());
    }
    List<String> excluded = new ArrayList<>();
    for (YamlNode p : YamlNode.opt(f, "excludePrincipals").map(YamlNode::items).orElse(List.of())) {
      excluded.add(principal(p).id());
    }
    List<String> actions = strings(f, "actions");
    List<String> dataActions = strings(f, "dataActions");
    if (actions.isEmpty() && dataActions.isEmpty()) {
      throw n.error("deny assignment '" + name + "' denies nothing: give actions or dataActions");
    }
    return new DenyAssignmentSpec(
        SeedLoader.derivedId("deny", name + "|" + scope),
        name,
        scope,
        principals,
        excluded,
        actions,
        strings(f, "notActions"),
        dataActions,
        strings(f, "notDataActions"),
        YamlNode.opt(f, "doNotApplyToChildScopes").map(YamlNode::bool).orElse(false));
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

  private String guid(YamlNode n) {
    if (!GUID.matcher(n.scalar()).matches()) {
      throw n.error("'" + n.scalar() + "' is not a GUID");
    }
    return n.scalar().toLowerCase();
  }

  private static List<String> strings(Map<String, YamlNode> f, String key) {
    return YamlNode.opt(f, key).filter(v -> !v.isNull()).map(YamlNode::strings).orElse(List.of());
  }

  private static List<YamlNode> list(Map<String, YamlNode> f, String key) {
    return YamlNode.opt(f, key).map(YamlNode::items).orElse(List.of());
  }
}
