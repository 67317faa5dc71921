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

  /** A deny assignment (api-version 2022-04-01): the union of its permission blocks. */
  static DenyAssignment denyAssignment(Map<String, Object> d) {
    Map<String, Object> p = Json.obj(d, "properties");
    java.util.List<String> data = new java.util.ArrayList<>();
    java.util.List<String> notData = new java.util.ArrayList<>();
    for (Object b : Json.list(p, "permissions")) {
      data.addAll(Json.strings(Json.obj(b), "dataActions"));
      notData.addAll(Json.strings(Json.obj(b), "notDataActions"));
    }
    return new DenyAssignment(
        Json.str(d, "id").orElse(""),
        Json.str(p, "denyAssignmentName").orElse(Json.str(d, "name").orElse("")),
        Json.str(p, "scope").orElse(""),
        members(p, "principals"),
        members(p, "excludePrincipals"),
        data,
        notData,
        Json.bool(p, "doNotApplyToChildScopes").orElse(false));
  }

  private static java.util.List<DenyAssignment.Member> members(Map<String, Object> p, String key) {
    return Json.list(p, key).stream()
        .map(Json::obj)
        .map(
            m ->
                new DenyAssignment.Member(
                    Json.str(m, "id").orElse(""), Json.str(m, "type").orElse("")))
        .toList();
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
