package io.kvflex.localvault.http;

import io.kvflex.localvault.auth.Directory;
import io.kvflex.localvault.auth.Identity;
import io.kvflex.localvault.auth.PodBindings;
import io.kvflex.localvault.auth.TokenService;
import io.kvflex.localvault.auth.TokenService.IssuedToken;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * IMDS ({@code /metadata/identity/oauth2/token}) and the AAD Pod Identity NMI endpoint ({@code
 * /host/token/}), each on its own loopback HTTP port.
 */
final class ManagedIdentityRoutes {
  private final Directory directory;
  private final TokenService tokens;
  private final PodBindings bindings;
  private final HostNames hosts;
  private final FaultInjector faults;

  ManagedIdentityRoutes(
      Directory directory,
      TokenService tokens,
      PodBindings bindings,
      HostNames hosts,
      FaultInjector faults) {
    this.directory = directory;
    this.tokens = tokens;
    this.bindings = bindings;
    this.hosts = hosts;
    this.faults = faults;
  }

  /** The IMDS port. Tolerates {@code //metadata/...} (MSAL4J builds such paths). */
  void imds(Exchange ex) throws IOException {
    ex.describe("imds.token", "", "");
    String path = String.join("/", ex.segments()).toLowerCase(Locale.ROOT);
    if (!path.equals("metadata/identity/oauth2/token")) {
      ex.sendJson(404, imdsError("invalid_request", "The requested path was not found."));
      return;
    }
    if (!ex.method().equals("GET")) {
      ex.sendJson(405, imdsError("invalid_request", "Only GET is allowed."));
      return;
    }
    if (!ex.header("Metadata").orElse("").equals("true")) {
      ex.sendJson(400, imdsError("invalid_request", "Required metadata header not specified"));
      return;
    }
    if (ex.query("api-version").filter(v -> !v.isEmpty()).isEmpty()) {
      ex.sendJson(
          400, imdsError("invalid_request", "Required query variable 'api-version' is missing"));
      return;
    }
    Optional<String> resource = resource(ex);
    if (resource.isEmpty()) {
      ex.sendJson(
          400, imdsError("invalid_request", "Required query variable 'resource' is missing"));
      return;
    }
    if (!known(resource.get())) {
      ex.sendJson(
          400,
          imdsError(
              "invalid_resource",
              "AADSTS500011: The resource principal named " + resource.get() + " was not found."));
      return;
    }
    String resId = ex.query("msi_res_id").or(() -> ex.query("mi_res_id")).orElse(null);
    Optional<Identity> id =
        directory.vmIdentity(
            ex.query("client_id").orElse(null), ex.query("object_id").orElse(null), resId);
    if (id.isEmpty()) {
      ex.sendJson(400, imdsError("invalid_request", "Identity not found"));
      return;
    }
    if (faults.tokenFault(ex)) {
      return;
    }
    ex.identity(id.get().name());
    Map<String, Object> body = legacyToken(id.get(), resource.get());
    body.put("client_id", id.get().clientId());
    ex.sendJson(200, body);
  }

  /** The NMI port: {@code GET /host/token/?resource=...} with {@code podname}/{@code podns}. */
  void nmi(Exchange ex) throws IOException {
    ex.describe("nmi.token", "", "");
    List<String> s = ex.segments();
    boolean tokenPath =
        s.size() >= 2
            && s.get(0).equals("host")
            && s.get(1).equals("token")
            && s.size() <= 3
            && (s.size() == 2 || s.get(2).isEmpty());
    if (!tokenPath) {
      ex.sendText(404, "404 page not found\n");
      return;
    }
    if (!ex.remoteAddress().equals("127.0.0.1")) {
      ex.sendText(500, "request remote address is not from a host\n");
      return;
    }
    String pod = ex.header("podname").orElse("");
    String ns = ex.header("podns").orElse("");
    if (pod.isEmpty() || ns.isEmpty()) {
      ex.sendText(400, "missing 'podname' and 'podns' from request header\n");
      return;
    }
    ex.describe("nmi.token", "", ns + "/" + pod);
    Optional<String> resource = resource(ex);
    if (resource.isEmpty()) {
      ex.sendText(400, "parameter resource cannot be empty\n");
      return;
    }
    if (faults.tokenFault(ex)) {
      return;
    }
    Optional<Identity> id = bindings.activeIdentity(ns, pod).flatMap(directory::find);
    if (id.isEmpty()) {
      ex.sendText(
          404,
          "getting assigned identities for pod "
              + ns
              + "/"
              + pod
              + " in ASSIGNED state failed: no AzureAssignedIdentity found\n");
      return;
    }
    Optional<String> wanted = ex.query("client_id");
    if (wanted.isPresent() && !wanted.get().equalsIgnoreCase(id.get().clientId())) {
      ex.sendText(403, "no azure identity found for request clientID " + wanted.get() + "\n");
      return;
    }
    if (!known(resource.get())) {
      ex.sendText(403, "failed to get service principal token: invalid resource\n");
      return;
    }
    ex.identity(id.get().name());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("token", legacyToken(id.get(), resource.get()));
    body.put("clientid", id.get().clientId());
    ex.sendJson(200, body);
  }

  private Map<String, Object> legacyToken(Identity id, String resource) {
    IssuedToken t = tokens.issue(id, resource, EntraRoutes.TOKEN_TTL, "2");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("access_token", t.value());
    m.put("refresh_token", "");
    m.put("expires_in", String.valueOf(t.expiresOn() - t.issuedAt()));
    m.put("expires_on", String.valueOf(t.expiresOn()));
    m.put("not_before", String.valueOf(t.issuedAt()));
    m.put("resource", resource);
    m.put("token_type", "Bearer");
    return m;
  }

  private static Optional<String> resource(Exchange ex) {
    return ex.query("resource").filter(r -> !r.isBlank());
  }

  private boolean known(String r) {
    String x = r.endsWith("/") ? r.substring(0, r.length() - 1) : r;
    return x.equals(hosts.vaultResource())
        // ARM and Graph, with or without the HTTPS port (clients derive it from the endpoint)
        || CallerTokens.audienceIs(r, hosts.managementHost())
        || CallerTokens.audienceIs(r, hosts.graphHost());
  }

  private static Map<String, Object> imdsError(String error, String description) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", error);
    m.put("error_description", description);
    return m;
  }
}
