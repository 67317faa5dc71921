package io.kvflex.localvault.seed;

import io.kvflex.localvault.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Azure's built-in role definitions as Microsoft publishes them ({@code arm/builtin-roles.json}
 * names the pages and dates): always present in localvault's ARM, nameable from a seed by role name
 * or GUID, and enforced by its data plane for RBAC vaults.
 */
public final class BuiltInRoleDefinitions {
  static final String RESOURCE = "/io/kvflex/localvault/arm/builtin-roles.json";
  private static final List<RoleDefinitionSpec> ALL = load();

  private BuiltInRoleDefinitions() {}

  public static List<RoleDefinitionSpec> all() {
    return ALL;
  }

  private static List<RoleDefinitionSpec> load() {
    try (InputStream in = BuiltInRoleDefinitions.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      Map<String, Object> root = Json.parseObject(in.readAllBytes());
      return list(root, "roles").stream().map(BuiltInRoleDefinitions::role).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  private static RoleDefinitionSpec role(Object o) {
    Map<String, Object> r = map(o);
    Map<String, Object> p = map(list(r, "permissions").get(0));
    return new RoleDefinitionSpec(
        (String) r.get("name"),
        (String) r.get("roleName"),
        true,
        (String) r.getOrDefault("description", ""),
        strings(p, "actions"),
        strings(p, "notActions"),
        strings(p, "dataActions"),
        strings(p, "notDataActions"),
        Optional.ofNullable((String) p.get("condition")));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Map<String, Object> m, String key) {
    return (List<Object>) m.getOrDefault(key, List.of());
  }

  private static List<String> strings(Map<String, Object> m, String key) {
    return list(m, key).stream().map(String.class::cast).toList();
  }
}
