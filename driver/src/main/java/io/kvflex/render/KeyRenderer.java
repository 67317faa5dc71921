package io.kvflex.render;

import io.kvflex.options.ObjectFormat;
import io.kvflex.vault.VaultObject.Key;
import java.nio.charset.StandardCharsets;

/** Key formats: only the public part exists (Key Vault never returns private key material). */
final class KeyRenderer {
  private KeyRenderer() {}

  static byte[] render(Key key, ObjectFormat format) throws BadContentException {
    return switch (format) {
      case PEM ->
          Pem.encode("PUBLIC KEY", JwkPublicKeys.toPublicKey(key.jwk()).getEncoded())
              .getBytes(StandardCharsets.US_ASCII);
      case JWK -> JwkJson.write(key.jwk());
      case MODULUS -> modulus(key);
      default -> throw new IllegalArgumentException(format + " is not a key format");
    };
  }

  /** Exactly the legacy driver's bytes: the JWK {@code n} text, no newline. */
  private static byte[] modulus(Key key) throws BadContentException {
    if (!key.jwk().isRsa() || key.jwk().n().length == 0) {
      throw new BadContentException(
          "is an " + key.jwk().kty() + " key; only RSA keys have a modulus");
    }
    return JwkJson.modulus(key.jwk()).getBytes(StandardCharsets.US_ASCII);
  }
}
