package io.kvflex.localvault.http;

import io.kvflex.localvault.auth.ClientAssertions;
import io.kvflex.localvault.auth.Directory;
import io.kvflex.localvault.auth.Identity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** Validates a client-credentials token request the way Entra ID does, with its error codes. */
final class TokenRequestCheck {
  private static final String ASSERTION_TYPE =
      "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

  private final Directory directory;
  private final ClientAssertions assertions;
  private final HostNames hosts;
  private final String base;

  TokenRequestCheck(
      Directory directory, ClientAssertions assertions, HostNames hosts, String base) {
    this.directory = directory;
    this.assertions = assertions;
    this.hosts = hosts;
    this.base = base;
  }

  /** Outcome: an identity, resource and auth method, or an error. */
  record Result(
      Identity identity,
      String resource,
      String authMethod,
      int status,
      String error,
      int code,
      String description) {
    static Result fail(int status, String error, int code, String description) {
      return new Result(null, null, null, status, error, code, description);
    }
  }

  Result run(String tenant, Map<String, String> form, Optional<String> authHeader, boolean v2) {
    if (!directory.hasTenant(tenant)) {
      return Result.fail(
          400,
          "invalid_request",
          90002,
          "AADSTS90002: Tenant '"
              + tenant
              + "' not found. Check to make sure you have the correct tenant ID and are signing"
              + " into the correct cloud.");
    }
    String grant = form.get("grant_type");
    if (grant == null || grant.isEmpty()) {
      return missing("grant_type");
    }
    if (!grant.equals("client_credentials")) {
      return Result.fail(
          400,
          "unsupported_grant_type",
          70003,
          "AADSTS70003: The app requested an unsupported grant type '" + grant + "'.");
    }
    String clientId = form.get("client_id");
    String secret = form.get("client_secret");
    Optional<String[]> basic = authHeader.flatMap(TokenRequestCheck::basic);
    if (basic.isPresent()) {
      clientId = clientId == null ? basic.get()[0] : clientId;
      secret = basic.get()[1];
    }
    if (clientId == null || clientId.isEmpty()) {
      return missing("client_id");
    }
    String resource;
    if (v2) {
      String scope = form.get("scope");
      if (scope == null || scope.isBlank()) {
        return missing("scope");
      }
      Optional<String> rest = EntraRoutes.dropOidc(scope);
      if (rest.isEmpty() || rest.get().contains(" ") || !rest.get().endsWith("/.default")) {
        return Result.fail(
            400,
            "invalid_scope",
            1002012,
            "AADSTS1002012: The provided value for scope "
                + scope
                + " is not valid. Client credential flows must have a scope value with /.default"
                + " suffixed to the resource identifier (application ID URI).");
      }
      resource = rest.get().substring(0, rest.get().length() - "/.default".length());
    } else {
      resource = form.get("resource");
      if (resource == null || resource.isEmpty()) {
        return missing("resource");
      }
    }
    if (!knownResource(resource)) {
      return Result.fail(
          400,
          "invalid_resource",
          500011,
          "AADSTS500011: The resource principal named "
              + resource
              + " was not found in the tenant named "
              + tenant
              + ".");
    }
    String cid = clientId;
    Optional<Identity> app = directory.application(tenant, clientId);
    if (app.isEmpty()) {
      return Result.fail(
          400,
          "unauthorized_client",
          700016,
          "AADSTS700016: Application with identifier '"
              + cid
              + "' was not found in the directory '"
              + tenant
              + "'.");
    }
    Identity id = app.get();
    String assertion = form.get("client_assertion");
    if (assertion != null && !assertion.isEmpty()) {
      if (!ASSERTION_TYPE.equals(form.get("client_assertion_type"))) {
        return Result.fail(
            400,
            "invalid_request",
            50027,
            "AADSTS50027: client_assertion_type must be " + ASSERTION_TYPE + ".");
      }
      if (id.certificate().isEmpty()) {
        return Result.fail(
            401,
            "invalid_client",
            700027,
            "AADSTS700027: The certificate with identifier used to sign the client assertion is"
                + " not registered on application. ["
                + cid
                + "]");
      }
      String problem =
          assertions.problem(
              assertion, cid, id.certificate().get().certificate().getPublicKey(), base);
      if (problem != null) {
        return Result.fail(401, "invalid_client", 700027, problem);
      }
      return new Result(id, resource, "2", 200, null, 0, null);
    }
    if (secret == null || secret.isEmpty()) {
      return Result.fail(
          401,
          "invalid_client",
          7000218,
          "AADSTS7000218: The request body must contain the following parameter:"
              + " 'client_assertion' or 'client_secret'.");
    }
    if (id.clientSecret().isEmpty()
        || !constantTimeEquals(id.clientSecret().get().reveal(), secret)) {
      return Result.fail(
          401,
          "invalid_client",
          7000215,
          "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the"
              + " request is the client secret value, not the client secret ID, for a secret added"
              + " to app '"
              + cid
              + "'.");
    }
    return new Result(id, resource, "1", 200, null, 0, null);
  }

  private boolean knownResource(String r) {
    String x = r.endsWith("/") ? r.substring(0, r.length() - 1) : r;
    return x.equals(hosts.vaultResource())
        // ARM and Graph, with or without the HTTPS port (clients derive it from the endpoint)
        || CallerTokens.audienceIs(r, hosts.managementHost())
        || CallerTokens.audienceIs(r, hosts.graphHost());
  }

  private static Result missing(String param) {
    return Result.fail(
        400,
        "invalid_request",
        900144,
        "AADSTS900144: The request body must contain the following parameter: '" + param + "'.");
  }

  private static Optional<String[]> basic(String header) {
    if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0
          ? Optional.empty()
          : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
