package io.kvflex.kvctl.access;

import io.kvflex.errors.RemoteException;
import io.kvflex.errors.UserInputException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The Microsoft Graph (v1.0) reads check-access makes. */
final class GraphReader {

  /** The principal's groups, or why they are unknown. */
  record Groups(Optional<Set<String>> ids, String whyUnknown) {}

  private final AzureRest graph;

  GraphReader(AzureRest graph) {
    this.graph = graph;
  }

  /** Service principal (app registration or managed identity) by application (client) id. */
  Principal servicePrincipalByAppId(String appId) {
    String filter = ArmReader.encode("appId eq '" + appId + "'");
    AzureRest.Response r =
        graph.get(
            "/v1.0/servicePrincipals?$filter="
                + filter
                + "&$select=id,appId,displayName,servicePrincipalType");
    if (!r.ok()) {
      throw new RemoteException(
          "could not look up service principal with appId "
              + appId
              + " in Microsoft Graph: "
              + r.describe()
              + (r.status() == 403
                  ? "; the caller needs Application.Read.All, or pass --object-id"
                  : ""));
    }
    Map<String, Object> sp =
        Json.list(r.body(), "value").stream()
            .map(Json::obj)
            .findFirst()
            .orElseThrow(
                () ->
                    new UserInputException(
                        "no service principal with appId (client id) "
                            + appId
                            + " exists in the caller's tenant; check --client-id (or the Secret's clientid)"));
    return Principal.servicePrincipal(
        Json.str(sp, "id").orElseThrow(),
        Optional.of(appId),
        Json.str(sp, "displayName"),
        "Graph servicePrincipals(appId)");
  }

  /**
   * The ARM principal type of a directory object ({@code @odata.type} of {@code
   * directoryObjects/{id}}); empty when Graph will not say (no right, no such object).
   */
  Optional<String> principalType(String objectId) {
    AzureRest.Response r = graph.get("/v1.0/directoryObjects/" + objectId);
    if (!r.ok()) {
      return Optional.empty();
    }
    return Json.str(r.body(), "@odata.type")
        .map(t -> t.substring(t.lastIndexOf('.') + 1))
        .flatMap(
            t ->
                switch (t) {
                  case "servicePrincipal" -> Optional.of("ServicePrincipal");
                  case "user" -> Optional.of("User");
                  case "group" -> Optional.of("Group");
                  default -> Optional.<String>empty();
                });
  }

  /** Transitive group memberships ({@code getMemberObjects}); unknown when Graph refuses. */
  Groups groupsOf(String objectId) {
    AzureRest.Response r =
        graph.post(
            "/v1.0/directoryObjects/" + objectId + "/getMemberObjects",
            "{\"securityEnabledOnly\":false}");
    if (!r.ok()) {
      return new Groups(Optional.empty(), "Graph getMemberObjects: " + r.describe());
    }
    return new Groups(
        Optional.of(
            Json.list(r.body(), "value").stream()
                .filter(String.class::isInstance)
                .map(s -> ((String) s).toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet())),
        "");
  }
}
