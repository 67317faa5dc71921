package io.kvflex.localvault.auth;

import io.kvflex.localvault.json.Json;
import io.kvflex.localvault.pki.Jwk;
import io.kvflex.localvault.pki.KeyPairs;
import io.kvflex.localvault.seed.KeyKind;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Issues and verifies RS256 JWT access tokens shaped like Entra ID v1 app tokens. */
public final class TokenService {
  public static final String KEY_ID = "localvault-signing-1";
  private final KeyPair signingKey;
  private final Clock clock;

  public TokenService(KeyPair signingKey, Clock clock) {
    this.signingKey = signingKey;
    this.clock = clock;
  }

  public static TokenService generate(Clock clock) {
    return new TokenService(KeyPairs.generate(KeyKind.RSA, 2048, null), clock);
  }

  /** The issuer Key Vault accepts for a tenant. */
  public static String issuer(String tenant) {
    return "https://sts.windows.net/" + tenant + "/";
  }

  /** A signed access token for {@code identity} and audience {@code resource}. */
  public IssuedToken issue(Identity identity, String resource, Duration ttl, String authMethod) {
    long now = clock.instant().getEpochSecond();
    long exp = now + ttl.toSeconds();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("aud", resource);
    claims.put("iss", issuer(identity.tenant()));
    claims.put("iat", now);
    claims.put("nbf", now);
    claims.put("exp", exp);
    claims.put("appid", identity.clientId());
    claims.put("appidacr", authMethod);
    claims.put("idp", issuer(identity.tenant()));
    claims.put("idtyp", "app");
    claims.put("oid", identity.objectId());
    claims.put("sub", identity.objectId());
    claims.put("tid", identity.tenant());
    claims.put("uti", UUID.randomUUID().toString());
    claims.put("ver", "1.0");
    if (identity.resourceId() != null) {
      claims.put("xms_mirid", identity.resourceId());
    }
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("typ", "JWT");
    header.put("alg", "RS256");
    header.put("kid", KEY_ID);
    String signingInput = b64(Json.write(header)) + "." + b64(Json.write(claims));
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(signingKey.getPrivate());
      s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return new IssuedToken(signingInput + "." + b64(s.sign()), now, exp);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
  }

  /** Verifies signature and lifetime; the caller checks audience and tenant. */
  public VerifiedToken verify(String jwt) throws TokenRejectedException {
    String[] parts = jwt.split("\\.", -1);
    if (parts.length != 3) {
      throw new TokenRejectedException("AKV10000: Request is missing a Bearer or PoP token.");
    }
    Map<String, Object> claims;
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initVerify(signingKey.getPublic());
      s.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!s.verify(Base64.getUrlDecoder().decode(parts[2]))) {
        throw new TokenRejectedException("AKV10000: Invalid token signature.");
      }
      claims = Json.parseObject(Base64.getUrlDecoder().decode(parts[1]));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new TokenRejectedException("AKV10000: Request is missing a Bearer or PoP token.");
    }
    long exp = ((Number) claims.getOrDefault("exp", 0)).longValue();
    if (exp <= clock.instant().getEpochSecond()) {
      throw new TokenRejectedException("AKV10023: Token expired.");
    }
    return new VerifiedToken(
        (String) claims.get("oid"),
        (String) claims.get("appid"),
        (String) claims.get("tid"),
        (String) claims.get("aud"),
        exp);
  }

  /** The JWKS document of the signing key. */
  public Map<String, Object> jwks() {
    Map<String, Object> jwk =
        new LinkedHashMap<>(Jwk.publicJwk(KEY_ID, signingKey.getPublic(), List.of("verify")));
    jwk.remove("key_ops");
    jwk.put("use", "sig");
    return Map.of("keys", List.of(jwk));
  }

  private static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** A token and its lifetime (Unix seconds). */
  public record IssuedToken(String value, long issuedAt, long expiresOn) {
    @Override
    public String toString() {
      return "IssuedToken[***]";
    }
  }

  /** Claims of a verified token that the vault acts on. */
  public record VerifiedToken(
      String objectId, String appId, String tenant, String audience, long expiresOn) {}
}
