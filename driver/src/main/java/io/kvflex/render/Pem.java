package io.kvflex.render;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * PEM (RFC 7468) writing and reading. Output is always canonical: base64 in 64-character lines,
 * {@code \n} line ends, a trailing newline after every block. Input is tolerant: {@code \r\n},
 * blank lines, surrounding blanks, a byte-order mark and text between blocks are accepted.
 */
final class Pem {
  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String DASHES = "-----";
  private static final String BYTE_ORDER_MARK = "\uFEFF";
  private static final Base64.Encoder ENCODER =
      Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

  private Pem() {}

  /** One PEM block: its label (e.g. {@code CERTIFICATE}) and the DER it carries. */
  record Block(String label, byte[] der) {}

  /** One block, e.g. {@code encode("PUBLIC KEY", spki)}. */
  static String encode(String label, byte[] der) {
    return BEGIN
        + label
        + DASHES
        + "\n"
        + ENCODER.encodeToString(der)
        + "\n"
        + END
        + label
        + DASHES
        + "\n";
  }

  /** True when the text contains at least one PEM begin line. */
  static boolean looksLikePem(String text) {
    return text.contains(BEGIN) && text.contains(END);
  }

  /** All blocks in the order they appear. Encrypted legacy blocks (with headers) are refused. */
  static List<Block> parse(String text) throws BadContentException {
    List<Block> blocks = new ArrayList<>();
    String label = null;
    StringBuilder body = new StringBuilder();
    int lineNo = 0;
    for (String raw : text.split("\n", -1)) {
      lineNo++;
      // strip() drops \r and blanks; a byte-order mark (Windows editors) would hide a BEGIN line.
      String line = raw.replace(BYTE_ORDER_MARK, "").strip();
      if (label == null) {
        if (line.startsWith(BEGIN) && line.endsWith(DASHES)) {
          label = line.substring(BEGIN.length(), line.length() - DASHES.length());
          body.setLength(0);
        }
        continue;
      }
      if (line.startsWith(END)) {
        if (!line.equals(END + label + DASHES)) {
          throw new BadContentException(
              "has a PEM block "
                  + safeLabel(label)
                  + " whose END line does not match (line "
                  + lineNo
                  + ")");
        }
        blocks.add(new Block(label, decode(label, body.toString())));
        label = null;
      } else if (line.contains(":")) {
        // RFC 1421 headers (Proc-Type: 4,ENCRYPTED / DEK-Info) mark a password-protected key.
        throw BadContentException.withFix(
            "has an encrypted PEM block "
                + safeLabel(label)
                + "; kvflex reads unencrypted keys only",
            PrivateKeys.DECRYPT_FIX);
      } else {
        body.append(line);
      }
    }
    if (label != null) {
      throw new BadContentException("has a PEM block " + safeLabel(label) + " without an END line");
    }
    return blocks;
  }

  /**
   * The label quoted for an error message. Labels are part of the stored value, so only the
   * well-formed ones (RFC 7468 style, short) are shown.
   */
  static String safeLabel(String label) {
    return label.matches("[A-Z0-9 ]{1,40}") ? "\"" + label + "\"" : "(with an unusual label)";
  }

  private static byte[] decode(String label, String base64) throws BadContentException {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      // The JDK message quotes the offending character: never pass it on.
      throw new BadContentException(
          "has a PEM block " + safeLabel(label) + " that is not valid base64");
    }
  }
}
