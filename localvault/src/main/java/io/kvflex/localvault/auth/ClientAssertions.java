package io.kvflex.localvault.auth;

import io.kvflex.localvault.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Verifies client assertions (JWT signed with a service principal's certificate key). */
public final class ClientAssertions {
  private final Clock clock;

  public ClientAssertions(Clock clock) {
    this.clock = clock;
  }

  /**
   * Verifies an assertion for {@code clientId}; returns an AADSTS error description, or null if the
   * assertion is valid. {@code audiencePrefix} is the token host's URL ({@code https://host:port}).
   */
  public String problem(String assertion, String clientId, PublicKey key, String audiencePrefix) {
    String[] parts = assertion.split("\\.", -1);
    if (parts.length != 3) {
      return "AADSTS50027: JWT token is invalid or malformed.";
    }
    Map<String, Object> header;
    Map<String, Object> claims;
    try {
      header = Json.parseObject(Base64.getUrlDecoder().decode(parts[0]));
      claims = Json.parseObject(Base64.getUrlDecoder().decode(parts[1]));
      if (!verify(String.valueOf(header.get("alg")), parts, key)) {
        return "AADSTS700027: Client assertion failed signature validation.";
      }
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return "AADSTS50027: JWT token is invalid or malformed.";
    }
    if (!clientId.equals(claims.get("iss")) || !clientId.equals(claims.get("sub"))) {
      return "AADSTS700023: Client assertion audience claim does not match Realm issuer.";
    }
    Object aud = claims.get("aud");
    List<?> auds = aud instanceof List<?> l ? l : List.of(String.valueOf(aud));
    if (auds.stream().noneMatch(a -> String.valueOf(a).startsWith(audiencePrefix))) {
      return "AADSTS700016: Client assertion audience claim does not match the token endpoint.";
    }
    Object exp = claims.get("exp");
    if (!(exp instanceof Number n) || n.longValue() < clock.instant().getEpochSecond()) {
      return "AADSTS700024: Client assertion is not within its valid time range.";
    }
    return null;
  }

  private static boolean verify(String alg, String[] parts, PublicKey key)
      throws GeneralSecurityException {
    Signature s;
    switch (alg) {
      case "RS256" -> s = Signature.getInstance("SHA256withRSA");
      case "PS256" -> {
        s = Signature.getInstance("RSASSA-PSS");
        s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
      }
      default -> {
        return false;
      }
    }
    s.initVerify(key);
    s.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    return s.verify(Base64.getUrlDecoder().decode(parts[2]));
  }
}
