package io.kvflex.flexvolume.blackbox;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Expected file bytes from the vault's REST answers (see also testsupport's Pem and KeyMaterial).
 */
final class Expected {
  private Expected() {}

  static byte[] b64url(Object value) {
    return Base64.getUrlDecoder().decode((String) value);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
