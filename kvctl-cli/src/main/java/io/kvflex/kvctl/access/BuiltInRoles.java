package io.kvflex.kvctl.access;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The Azure built-in role definitions that decide Key Vault access, as Microsoft publishes them.
 * One transcription serves both localvault (which serves and enforces them) and kvctl (which picks
 * the least-privilege role from them): {@code /io/kvflex/localvault/arm/builtin-roles.json}, with
 * its sources and dates inside.
 */
final class BuiltInRoles {
  static final String RESOURCE = "/io/kvflex/localvault/arm/builtin-roles.json";

  private static final List<RoleDefinition> ALL = load();

  private BuiltInRoles() {}

  static List<RoleDefinition> all() {
    return ALL;
  }

  private static List<RoleDefinition> load() {
    try (InputStream in = BuiltInRoles.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from kvctl's classpath");
      }
      Object root = Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      return Json.list(Json.obj(root), "roles").stream()
          .map(Json::obj)
          .map(RoleParser::publishedDefinition)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
