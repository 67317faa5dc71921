package io.kvflex.localvault.http;

import io.kvflex.localvault.arm.Memberships;
import io.kvflex.localvault.auth.Directory;
import io.kvflex.localvault.auth.Identity;
import io.kvflex.localvault.seed.GroupSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * localvault's Microsoft Graph (v1.0), on the graph host: service principals by appId (service
 * principals and managed identities of the seed), directory objects by id (with their {@code
 * @odata.type}) and transitive group membership ({@code getMemberObjects}). Any principal of the
 * directory may read it: the seed grants no Graph application permissions.
 */
final class GraphRoutes {
  private static final Pattern APP_ID =
      Pattern.compile("\\s*appId\\s+eq\\s+'([^']+)'\\s*", Pattern.CASE_INSENSITIVE);
  private static final String GRAPH = "https://graph.microsoft.com/v1.0/$metadata#";

  private final Directory directory;
  private final Memberships groups;
  private final CallerTokens tokens;
  private final String graphHost;

  GraphRoutes(ServerState state) {
    this.directory = state.directory();
    this.groups = state.controlPlane().memberships();
    this.tokens = new CallerTokens(state.directory(), state.tokens());
    this.graphHost = state.hosts().graphHost();
  }

  void handle(Exchange ex) throws IOException {
    List<String> s = ex.segments();
    try {
      Identity caller = tokens.graphCaller(ex, graphHost);
      ex.identity(caller.name());
      if (s.size() == 2 && s.get(0).equals("v1.0") && s.get(1).equals("servicePrincipals")) {
        ex.describe("graph.servicePrincipals.list", "", "");
        requireMethod(ex, "GET");
        ex.sendJson(200, servicePrincipals(ex));
      } else if (s.size() == 3 && s.get(0).equals("v1.0") && s.get(1).equals("directoryObjects")) {
        ex.describe("graph.directoryObjects.get", "", "");
        requireMethod(ex, "GET");
        ex.sendJson(200, directoryObject(ex, s.get(2)));
      } else if (s.size() == 4
          && s.get(0).equals("v1.0")
          && s.get(1).equals("directoryObjects")
          && s.get(3).equals("getMemberObjects")) {
        ex.describe("graph.getMemberObjects", "", "");
        requireMethod(ex, "POST");
        directoryObject(ex, s.get(2));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.context", GRAPH + "Collection(Edm.String)");
        body.put("value", List.copyOf(groups.groupsOf(s.get(2))));
        ex.sendJson(200, body);
      } else {
        ex.describe("graph.unknown", "", "");
        throw ControlPlaneException.graph(
            400,
            "BadRequest",
            "Resource not found for the segment '" + String.join("/", s) + "'.",
            ex.requestId());
      }
    } catch (ControlPlaneException e) {
      e.send(ex);
    }
  }

  private Map<String, Object> servicePrincipals(Exchange ex) throws ControlPlaneException {
    String filter = ex.query("$filter").orElse("");
    Matcher m = APP_ID.matcher(filter);
    if (!m.matches()) {
      throw ControlPlaneException.graph(
          400,
          "Request_UnsupportedQuery",
          "Unsupported query; localvault's Graph filters servicePrincipals by appId eq '...'.",
          ex.requestId());
    }
    List<Object> value = new ArrayList<>();
    for (Identity i : directory.all()) {
      if (i.clientId().equalsIgnoreCase(m.group(1))) {
        value.add(servicePrincipal(i));
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("@odata.context", GRAPH + "servicePrincipals");
    body.put("value", value);
    return body;
  }

  private Map<String, Object> directoryObject(Exchange ex, String id) throws ControlPlaneException {
    Optional<Identity> identity = directory.byObjectId(id.toLowerCase(Locale.ROOT));
    if (identity.isPresent()) {
      Map<String, Object> m = servicePrincipal(identity.get());
      m.put("@odata.context", GRAPH + "directoryObjects/$entity");
      return m;
    }
    Optional<GroupSpec> g = groups.group(id);
    if (g.isPresent()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("@odata.context", GRAPH + "directoryObjects/$entity");
      m.put("@odata.type", "#microsoft.graph.group");
      m.put("id", g.get().objectId());
      m.put("displayName", g.get().name());
      m.put("securityEnabled", true);
      return m;
    }
    throw ControlPlaneException.graph(
        404,
        "Request_ResourceNotFound",
        "Resource '"
            + id
            + "' does not exist or one of its queried reference-property objects are not present.",
        ex.requestId());
  }

  private static Map<String, Object> servicePrincipal(Identity i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("@odata.type", "#microsoft.graph.servicePrincipal");
    m.put("id", i.objectId());
    m.put("appId", i.clientId());
    m.put("displayName", i.name());
    m.put(
        "servicePrincipalType",
        i.kind() == Identity.Kind.MANAGED_IDENTITY ? "ManagedIdentity" : "Application");
    if (i.resourceId() != null) {
      m.put("alternativeNames", List.of("isExplicit=" + !i.systemAssigned(), i.resourceId()));
    }
    return m;
  }

  private static void requireMethod(Exchange ex, String method) throws ControlPlaneException {
    if (!ex.method().equals(method)) {
      throw ControlPlaneException.graph(
          405,
          "Request_BadRequest",
          "The HTTP method '" + ex.method() + "' is not allowed here.",
          ex.requestId());
    }
  }
}
