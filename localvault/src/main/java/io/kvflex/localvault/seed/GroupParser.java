package io.kvflex.localvault.seed;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses {@code groups}: Entra ID security groups whose members are service principals, managed
 * identities or other groups (by name or id; a group may name one declared further down).
 */
final class GroupParser {
  private GroupParser() {}

  static List<GroupSpec> parse(Optional<YamlNode> node, IdentityRefs refs, List<String> tenants) {
    List<YamlNode> items = node.map(YamlNode::items).orElse(List.of());
    List<GroupSpec> groups = new ArrayList<>();
    List<List<YamlNode>> memberNodes = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (YamlNode n : items) {
      Map<String, YamlNode> f = n.fields(Set.of("name", "tenant", "objectId", "members"));
      String name = YamlNode.required(n, f, "name").scalar();
      String objectId =
          YamlNode.opt(f, "objectId")
              .map(SeedLoader::requireId)
              .orElse(SeedLoader.derivedId("group", name));
      for (String id : List.of(name, objectId)) {
        if (!seen.add(id) || refs.objectId(id).isPresent()) {
          throw n.error("identity or group name or id '" + id + "' is used twice");
        }
      }
      String tenant = YamlNode.opt(f, "tenant").map(YamlNode::scalar).orElse(tenants.get(0));
      if (!tenants.contains(tenant)) {
        throw f.get("tenant").error("unknown tenant '" + tenant + "'; declare it under 'tenants'");
      }
      groups.add(new GroupSpec(name, tenant, objectId, List.of()));
      memberNodes.add(YamlNode.opt(f, "members").map(YamlNode::items).orElse(List.of()));
    }
    IdentityRefs all = refs.withGroups(groups);
    for (int i = 0; i < groups.size(); i++) {
      GroupSpec g = groups.get(i);
      List<String> members = new ArrayList<>();
      for (YamlNode m : memberNodes.get(i)) {
        String id =
            all.principalId(m.scalar())
                .orElseThrow(
                    () ->
                        m.error(
                            "no service principal, managed identity or group named '"
                                + m.scalar()
                                + "'"));
        if (id.equals(g.objectId())) {
          throw m.error("group '" + g.name() + "' cannot be a member of itself");
        }
        members.add(id);
      }
      groups.set(i, new GroupSpec(g.name(), g.tenant(), g.objectId(), members));
    }
    return List.copyOf(groups);
  }
}
