package io.kvflex.localvault.http;

import io.kvflex.localvault.auth.Directory;
import io.kvflex.localvault.auth.Identity;
import io.kvflex.localvault.auth.TokenRejectedException;
import io.kvflex.localvault.auth.TokenService;
import java.net.URI;
import java.util.Locale;

/**
 * Who calls localvault's ARM or Graph: a bearer token from its own Entra ID (or IMDS) whose
 * audience is that service, for a principal of the directory. The audience may carry the port of
 * localvault's HTTPS listener, since clients derive it from the endpoint URL.
 */
final class CallerTokens {
  private final Directory directory;
  private final TokenService tokens;

  CallerTokens(Directory directory, TokenService tokens) {
    this.directory = directory;
    this.tokens = tokens;
  }

  /** The caller, or why not (ARM's codes and messages). */
  Identity armCaller(Exchange ex, String managementHost, String loginBase)
      throws ControlPlaneException {
    String auth = ex.header("Authorization").orElse("");
    if (!auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.substring(7).isBlank()) {
      throw ControlPlaneException.armUnauthorized(
          "AuthenticationFailed",
          "Authentication failed. The 'Authorization' header is missing.",
          loginBase);
    }
    TokenService.VerifiedToken t;
    try {
      t = tokens.verify(auth.substring(7).trim());
    } catch (TokenRejectedException e) {
      boolean expired = e.getMessage().contains("expired");
      throw ControlPlaneException.armUnauthorized(
          expired ? "ExpiredAuthenticationToken" : "InvalidAuthenticationToken",
          expired
              ? "The access token expiry UTC time is earlier than current UTC time."
              : "The access token is invalid.",
          loginBase);
    }
    if (!audienceIs(t.audience(), managementHost)) {
      throw ControlPlaneException.armUnauthorized(
          "InvalidAuthenticationTokenAudience",
          "The access token has been obtained for wrong audience or resource '"
              + t.audience()
              + "'. It should exactly match with one of the allowed audiences 'https://"
              + managementHost
              + "/'.",
          loginBase);
    }
    return directory
        .byObjectId(t.objectId())
        .orElseThrow(
            () ->
                ControlPlaneException.armUnauthorized(
                    "InvalidAuthenticationToken",
                    "The access token is from a principal this tenant does not know.",
                    loginBase));
  }

  /** The caller, or why not (Graph's codes and messages). */
  Identity graphCaller(Exchange ex, String graphHost) throws ControlPlaneException {
    String auth = ex.header("Authorization").orElse("");
    if (!auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.substring(7).isBlank()) {
      throw ControlPlaneException.graph(
          401, "InvalidAuthenticationToken", "Access token is empty.", ex.requestId());
    }
    TokenService.VerifiedToken t;
    try {
      t = tokens.verify(auth.substring(7).trim());
    } catch (TokenRejectedException e) {
      throw ControlPlaneException.graph(
          401,
          "InvalidAuthenticationToken",
          e.getMessage().contains("expired")
              ? "Lifetime validation failed, the token is expired."
              : "Access token validation failure.",
          ex.requestId());
    }
    if (!audienceIs(t.audience(), graphHost)) {
      throw ControlPlaneException.graph(
          401,
          "InvalidAuthenticationToken",
          "Access token validation failure. Invalid audience.",
          ex.requestId());
    }
    return directory
        .byObjectId(t.objectId())
        .orElseThrow(
            () ->
                ControlPlaneException.graph(
                    401,
                    "InvalidAuthenticationToken",
                    "Access token validation failure.",
                    ex.requestId()));
  }

  /** {@code https://HOST}, with or without a port and a trailing slash. */
  static boolean audienceIs(String audience, String host) {
    if (audience == null) {
      return false;
    }
    try {
      URI u = URI.create(audience);
      String path = u.getPath() == null ? "" : u.getPath();
      return "https".equalsIgnoreCase(u.getScheme())
          && host.equals(u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT))
          && (path.isEmpty() || path.equals("/"));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
