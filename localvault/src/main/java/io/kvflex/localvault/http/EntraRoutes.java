package io.kvflex.localvault.http;

import io.kvflex.localvault.auth.ClientAssertions;
import io.kvflex.localvault.auth.Directory;
import io.kvflex.localvault.auth.Identity;
import io.kvflex.localvault.auth.TokenService;
import io.kvflex.localvault.auth.TokenService.IssuedToken;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * The local Entra ID on the login host: the v2 (and v1) client-credentials token endpoint, OpenID
 * configuration, JWKS and instance discovery.
 */
final class EntraRoutes {
  static final Duration TOKEN_TTL = Duration.ofSeconds(3599);
  private static final List<String> OIDC_SCOPES = List.of("openid", "profile", "offline_access");

  private final Directory directory;
  private final TokenService tokens;
  private final ClientAssertions assertions;
  private final HostNames hosts;
  private final FaultInjector faults;
  private final IntSupplier httpsPort;

  EntraRoutes(
      Directory directory,
      TokenService tokens,
      ClientAssertions assertions,
      HostNames hosts,
      FaultInjector faults,
      IntSupplier httpsPort) {
    this.directory = directory;
    this.tokens = tokens;
    this.assertions = assertions;
    this.hosts = hosts;
    this.faults = faults;
    this.httpsPort = httpsPort;
  }

  private String base() {
    return "https://" + hosts.loginHost() + ":" + httpsPort.getAsInt();
  }

  void handle(Exchange ex) throws IOException {
    List<String> s = ex.segments();
    String path = String.join("/", s);
    String m = ex.method();
    if (m.equals("GET") && path.equals("common/discovery/instance")) {
      ex.describe("token.discovery", "", "");
      ex.sendJson(200, discovery(ex));
    } else if (m.equals("GET")
        && s.size() >= 2
        && (path.endsWith("/.well-known/openid-configuration"))) {
      ex.describe("token.openid", "", "");
      ex.sendJson(200, openIdConfiguration(s.get(0)));
    } else if (m.equals("GET")
        && (path.endsWith("/discovery/v2.0/keys") || path.equals("common/discovery/keys"))) {
      ex.describe("token.keys", "", "");
      ex.sendJson(200, tokens.jwks());
    } else if (s.size() >= 3
        && s.get(1).equals("oauth2")
        && (path.endsWith("oauth2/v2.0/token") || path.endsWith("oauth2/token"))) {
      ex.describe("token.clientCredentials", "", "");
      if (!m.equals("POST")) {
        ex.sendJson(
            405,
            aadError(
                "invalid_request",
                900561,
                "AADSTS900561: The endpoint only accepts POST requests."));
        return;
      }
      if (faults.tokenFault(ex)) {
        return;
      }
      token(ex, s.get(0), path.endsWith("v2.0/token"));
    } else {
      ex.describe("token.unknown", "", "");
      ex.sendJson(
          404,
          aadError(
              "invalid_request",
              900023,
              "AADSTS900023: The path is not a known endpoint of this identity provider."));
    }
  }

  private void token(Exchange ex, String tenant, boolean v2) throws IOException {
    Map<String, String> form;
    try {
      form = Forms.parse(ex.body());
    } catch (BodyTooLargeException | IllegalArgumentException e) {
      ex.sendJson(
          400,
          aadError(
              "invalid_request", 900144, "AADSTS900144: The request body is not a valid form."));
      return;
    }
    TokenRequestCheck check = new TokenRequestCheck(directory, assertions, hosts, base());
    TokenRequestCheck.Result result = check.run(tenant, form, ex.header("Authorization"), v2);
    if (result.error() != null) {
      ex.sendJson(result.status(), aadError(result.error(), result.code(), result.description()));
      return;
    }
    Identity id = result.identity();
    ex.identity(id.name());
    IssuedToken t = tokens.issue(id, result.resource(), TOKEN_TTL, result.authMethod());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("token_type", "Bearer");
    if (v2) {
      body.put("expires_in", TOKEN_TTL.toSeconds());
      body.put("ext_expires_in", TOKEN_TTL.toSeconds());
    } else {
      body.put("expires_in", String.valueOf(TOKEN_TTL.toSeconds()));
      body.put("ext_expires_in", String.valueOf(TOKEN_TTL.toSeconds()));
      body.put("expires_on", String.valueOf(t.expiresOn()));
      body.put("not_before", String.valueOf(t.issuedAt()));
      body.put("resource", result.resource());
    }
    body.put("access_token", t.value());
    ex.setResponseHeader("Cache-Control", "no-store, no-cache");
    ex.sendJson(200, body);
  }

  static Map<String, Object> aadError(String error, int code, String description) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", error);
    m.put("error_description", description);
    m.put("error_codes", List.of(code));
    m.put("timestamp", java.time.Instant.now().toString().replace("T", " "));
    String trace = java.util.UUID.randomUUID().toString();
    m.put("trace_id", trace);
    m.put("correlation_id", java.util.UUID.randomUUID().toString());
    return m;
  }

  private Map<String, Object> discovery(Exchange ex) {
    String tenant = "common";
    String authz = ex.query("authorization_endpoint").orElse("");
    String[] parts = authz.split("/");
    if (parts.length > 3) {
      tenant = parts[3];
    }
    Map<String, Object> md = new LinkedHashMap<>();
    md.put("preferred_network", hosts.loginHost());
    md.put("preferred_cache", hosts.loginHost());
    md.put("aliases", List.of(hosts.loginHost()));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(
        "tenant_discovery_endpoint",
        base() + "/" + tenant + "/v2.0/.well-known/openid-configuration");
    m.put("api-version", "1.1");
    m.put("metadata", List.of(md));
    return m;
  }

  private Map<String, Object> openIdConfiguration(String tenant) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("token_endpoint", base() + "/" + tenant + "/oauth2/v2.0/token");
    m.put(
        "token_endpoint_auth_methods_supported",
        List.of("client_secret_post", "private_key_jwt", "client_secret_basic"));
    m.put("jwks_uri", base() + "/" + tenant + "/discovery/v2.0/keys");
    m.put("response_modes_supported", List.of("query", "fragment", "form_post"));
    m.put("subject_types_supported", List.of("pairwise"));
    m.put("id_token_signing_alg_values_supported", List.of("RS256"));
    m.put("issuer", base() + "/" + tenant + "/v2.0");
    m.put("authorization_endpoint", base() + "/" + tenant + "/oauth2/v2.0/authorize");
    m.put("tenant_region_scope", "WW");
    m.put("cloud_instance_name", hosts.loginHost());
    return m;
  }

  static Optional<String> dropOidc(String scope) {
    return Arrays.stream(scope.trim().split("\\s+"))
        .filter(x -> !x.isEmpty() && !OIDC_SCOPES.contains(x))
        .reduce((a, b) -> a + " " + b);
  }
}
