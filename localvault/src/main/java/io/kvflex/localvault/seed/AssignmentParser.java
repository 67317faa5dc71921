package io.kvflex.localvault.seed;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses the {@code arm} section's custom roles, role assignments and deny assignments: every
 * principal (service principal, managed identity or group), role (name or GUID) and scope must
 * resolve; errors name {@code file:line}.
 */
final class AssignmentParser {
  private final IdentityRefs refs;
  private final ScopeResolver scopes;

  AssignmentParser(IdentityRefs refs, ScopeResolver scopes) {
    this.refs = refs;
    this.scopes = scopes;
  }

  RoleDefinitionSpec customRole(YamlNode n, List<RoleDefinitionSpec> known) {
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
    String guid =
        YamlNode.opt(f, "id")
            .map(AssignmentParser::guid)
            .orElse(SeedLoader.derivedId("role", name));
    if (known.stream()
        .anyMatch(r -> r.roleName().equalsIgnoreCase(name) || r.guid().equals(guid))) {
      throw nameNode.error("a role named '" + name + "' (or with its id) already exists");
    }
    List<String> actions = ControlPlaneParser.strings(f, "actions");
    List<String> dataActions = ControlPlaneParser.strings(f, "dataActions");
    if (actions.isEmpty() && dataActions.isEmpty()) {
      throw n.error("role '" + name + "' grants nothing: give actions or dataActions");
    }
    return new RoleDefinitionSpec(
        guid,
        name,
        false,
        YamlNode.opt(f, "description").map(YamlNode::scalar).orElse(""),
        actions,
        ControlPlaneParser.strings(f, "notActions"),
        dataActions,
        ControlPlaneParser.strings(f, "notDataActions"),
        Optional.empty());
  }

  RoleAssignmentSpec roleAssignment(YamlNode n, List<RoleDefinitionSpec> roles) {
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

  DenyAssignmentSpec denyAssignment(YamlNode n) {
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
    List<String> actions = ControlPlaneParser.strings(f, "actions");
    List<String> dataActions = ControlPlaneParser.strings(f, "dataActions");
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
        ControlPlaneParser.strings(f, "notActions"),
        dataActions,
        ControlPlaneParser.strings(f, "notDataActions"),
        YamlNode.opt(f, "doNotApplyToChildScopes").map(YamlNode::bool).orElse(false));
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

  private static String guid(YamlNode n) {
    if (!ControlPlaneParser.GUID.matcher(n.scalar()).matches()) {
      throw n.error("'" + n.scalar() + "' is not a GUID");
    }
    return n.scalar().toLowerCase(Locale.ROOT);
  }
}
