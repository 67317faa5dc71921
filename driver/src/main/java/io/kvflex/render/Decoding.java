package io.kvflex.render;

import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Text-to-bytes decodings of secret values ({@code base64}, {@code hex}). */
final class Decoding {
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private Decoding() {}

  /**
   * Standard or URL-safe base64, padding optional, whitespace and line breaks ignored (values
   * pasted from {@code base64} without {@code -w0} carry newlines).
   */
  static byte[] base64(String text) throws BadContentException {
    String compact = WHITESPACE.matcher(text).replaceAll("");
    boolean urlSafe = compact.indexOf('-') >= 0 || compact.indexOf('_') >= 0;
    try {
      return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(compact);
    } catch (IllegalArgumentException e) {
      // The JDK message quotes the offending character of the secret: never pass it on.
      throw new BadContentException("is not valid base64");
    }
  }

  /** Hex digits in pairs, either case, whitespace and line breaks ignored. */
  static byte[] hex(String text) throws BadContentException {
    String compact = WHITESPACE.matcher(text).replaceAll("");
    if (compact.length() % 2 != 0 || !compact.chars().allMatch(HexFormat::isHexDigit)) {
      throw new BadContentException(
          "is not hex (only the digits 0-9 and a-f in pairs, whitespace ignored)");
    }
    return HexFormat.of().parseHex(compact);
  }
}
