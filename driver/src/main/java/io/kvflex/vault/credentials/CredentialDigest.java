package io.kvflex.vault.credentials;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A keyed digest of credential material (HMAC-SHA256 under a random key made once per process and
 * never stored), so a token cache can tell two client secrets apart without keeping either: the
 * digest of a secret is useless outside this process, and guessing a secret from it needs the key.
 * Parts are length-prefixed, so {@code ("ab", "c")} and {@code ("a", "bc")} differ.
 */
final class CredentialDigest {
  private static final String ALGORITHM = "HmacSHA256";

  private final java.util.function.Supplier<SecureRandom> random;
  private SecretKeySpec key;

  /** A digest whose key is drawn from a new {@link SecureRandom} on first use. */
  CredentialDigest() {
    this(SecureRandom::new);
  }

  /** The key is drawn from {@code random} on first use (most mounts never need one). */
  CredentialDigest(java.util.function.Supplier<SecureRandom> random) {
    this.random = random;
  }

  private synchronized SecretKeySpec key() {
    if (key == null) {
      byte[] bytes = new byte[32];
      random.get().nextBytes(bytes);
      key = new SecretKeySpec(bytes, ALGORITHM);
    }
    return key;
  }

  /** The hex digest of {@code parts}. */
  String of(byte[]... parts) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key());
      for (byte[] part : parts) {
        mac.update(ByteBuffer.allocate(4).putInt(part.length).array());
        mac.update(part);
      }
      return HexFormat.of().formatHex(mac.doFinal());
    } catch (GeneralSecurityException e) {
      // HmacSHA256 is mandatory in every JDK; reaching this is a broken runtime.
      throw new IllegalStateException("HmacSHA256 is not available in this Java runtime", e);
    }
  }
}
