package io.kvflex.kvctl.access;

import java.util.Map;

/** Parses ARM role assignments and role definitions (api-version 2022-04-01 shapes). */
final class RoleParser {
  private RoleParser() {}

  static RoleAssignment assignment(Map<String, Object> a) {
    Map<String, Object> p = Json.obj(a, "properties");
    return new RoleAssignment(
        Json.str(a, "id").orElse(""),
        Json.str(p, "scope").orElse(""),
        Json.str(p, "roleDefinitionId").orElse(""),
        Json.str(p, "principalId").orElse(""),
        Json.str(p, "principalType").orElse(""),
        Json.str(p, "condition"));
  }

  static RoleDefinition definition(Map<String, Object> d) {
    Map<String, Object> p = Json.obj(d, "properties");
    return new RoleDefinition(
        Json.str(d, "id").orElse(""),
        Json.str(p, "roleName").orElse(Json.str(d, "name").orElse("")),
        Json.str(p, "type").filter("BuiltInRole"::equalsIgnoreCase).isPresent(),
        Json.list(p, "permissions").stream()
            .map(Json::obj)
            .map(
                b ->
                    new RoleDefinition.PermissionBlock(
                        Json.strings(b, "dataActions"), Json.strings(b, "notDataActions")))
            .toList());
  }
}
