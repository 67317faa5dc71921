package io.kvflex.render;

import com.azure.json.JsonProviders;
import com.azure.json.JsonWriter;
import io.kvflex.vault.VaultObject.PublicJwk;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * The public JWK (RFC 7517) as compact, deterministic JSON: members in the order {@code kid},
 * {@code kty}, then {@code n}, {@code e} (RSA) or {@code crv}, {@code x}, {@code y} (EC), binary
 * members base64url without padding, no whitespace, no trailing newline. {@code kty} is the RFC
 * 7518 value ({@code RSA} or {@code EC}): Key Vault's {@code -HSM} suffix says where the private
 * key lives and JOSE libraries reject it.
 */
final class JwkJson {
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private JwkJson() {}

  static byte[] write(PublicJwk jwk) throws BadContentException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonWriter json = JsonProviders.createWriter(out)) {
      json.writeStartObject();
      json.writeStringField("kid", jwk.kid());
      if (jwk.isRsa()) {
        json.writeStringField("kty", "RSA");
        json.writeStringField("n", BASE64URL.encodeToString(jwk.n()));
        json.writeStringField("e", BASE64URL.encodeToString(jwk.e()));
      } else if (jwk.isEc()) {
        json.writeStringField("kty", "EC");
        json.writeStringField("crv", jwk.crv());
        json.writeStringField("x", BASE64URL.encodeToString(jwk.x()));
        json.writeStringField("y", BASE64URL.encodeToString(jwk.y()));
      } else {
        throw new BadContentException(
            "is a key of type " + jwk.kty() + ", which has no public JWK");
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory", e);
    }
    return out.toByteArray();
  }

  /** Legacy {@code modulus} output: the JWK's {@code n} as Key Vault returns it. */
  static String modulus(PublicJwk jwk) {
    return BASE64URL.encodeToString(jwk.n());
  }
}
