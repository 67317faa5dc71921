package io.kvflex.kvctl.access;

import java.util.Map;

/**
 * Parses ARM role assignments and role definitions (api-version 2022-04-01 shapes), and the flat
 * shape Microsoft publishes built-in role definitions in ({@link BuiltInRoles}).
 */
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

  /** An ARM response: {@code {id, name, properties: {roleName, type, permissions}}}. */
  static RoleDefinition definition(Map<String, Object> d) {
    Map<String, Object> p = Json.obj(d, "properties");
    return new RoleDefinition(
        Json.str(d, "id").orElse(""),
        Json.str(p, "roleName").orElse(Json.str(d, "name").orElse("")),
        Json.str(p, "type").filter("BuiltInRole"::equalsIgnoreCase).isPresent(),
        Json.list(p, "permissions").stream().map(Json::obj).map(RoleParser::block).toList());
  }

  /** The published shape: {@code {id, roleName, roleType, permissions}} at the top level. */
  static RoleDefinition publishedDefinition(Map<String, Object> d) {
    return new RoleDefinition(
        Json.str(d, "id").orElse(""),
        Json.str(d, "roleName").orElse(""),
        Json.str(d, "roleType").filter("BuiltInRole"::equalsIgnoreCase).isPresent(),
        Json.list(d, "permissions").stream().map(Json::obj).map(RoleParser::block).toList());
  }

  private static RoleDefinition.PermissionBlock block(Map<String, Object> b) {
    return new RoleDefinition.PermissionBlock(
        Json.strings(b, "actions"),
        Json.strings(b, "notActions"),
        Json.strings(b, "dataActions"),
        Json.strings(b, "notDataActions"),
        Json.str(b, "condition"));
  }
}
