package io.kvflex.kvctl.manifest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Bytes of a manifest to text. Kubernetes manifests are UTF-8; a byte-order mark selects UTF-16 or
 * UTF-32 (PowerShell writes UTF-16 with one). Anything else that is not UTF-8 is refused with the
 * position of the first bad byte and what the file most likely is, never with its content (it may
 * be a Secret).
 */
final class TextDecoder {
  private TextDecoder() {}

  /** The decoded text, or why it cannot be decoded. */
  sealed interface Result permits Text, Refused {}

  /** Decoded text (without the byte-order mark). */
  record Text(String text) implements Result {}

  /**
   * Not decodable.
   *
   * @param line 1-based line of the first bad byte
   * @param column 1-based column (characters) of it
   * @param message what is wrong and how to convert the file
   */
  record Refused(int line, int column, String message) implements Result {}

  static Result decode(String name, byte[] bytes) {
    Optional<Charset> bom = byteOrderMark(bytes);
    if (bom.isPresent()) {
      return strict(bom.get(), bytes, bomLength(bytes))
          .<Result>map(Text::new)
          .orElseGet(
              () ->
                  new Refused(
                      1,
                      1,
                      "starts with a "
                          + bom.get().name()
                          + " byte-order mark but is not valid "
                          + bom.get().name()
                          + "; save it as UTF-8"));
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult r = decoder.decode(in, out, true);
    if (!r.isError()) {
      decoder.flush(out);
      if (looksLikeUtf16(bytes)) {
        // ASCII in UTF-16 is valid UTF-8 full of NUL characters, which YAML forbids.
        return new Refused(1, 1, "is not UTF-8 " + guess(name, bytes));
      }
      return new Text(out.flip().toString());
    }
    // Position of the first bad byte: count lines and columns in what decoded before it.
    out.flip();
    int line = 1;
    int column = 1;
    while (out.hasRemaining()) {
      char c = out.get();
      if (c == '\n') {
        line++;
        column = 1;
      } else if (!Character.isLowSurrogate(c)) {
        column++;
      }
    }
    return new Refused(line, column, "is not UTF-8 " + guess(name, bytes));
  }

  /** What the bytes probably are, with the command that converts them. */
  private static String guess(String name, byte[] bytes) {
    String file = name.equals(ManifestInput.STDIN) ? "FILE" : name;
    if (looksLikeUtf16(bytes)) {
      String order = oddZeros(bytes) ? "UTF-16LE" : "UTF-16BE";
      return "(it looks like "
          + order
          + " without a byte-order mark, as some Windows tools write): convert it with iconv -f "
          + order
          + " -t UTF-8 "
          + file
          + ", or save it as UTF-8";
    }
    return "(a byte there is not valid UTF-8; the file is probably Latin-1 or Windows-1252, e.g."
        + " an accented letter in a comment): convert it with iconv -f WINDOWS-1252 -t UTF-8 "
        + file
        + ", or save it as UTF-8";
  }

  /** Many zero bytes at every other position: ASCII text in UTF-16. */
  private static boolean looksLikeUtf16(byte[] b) {
    int n = Math.min(b.length, 4096) & ~1;
    if (n < 4) {
      return false;
    }
    int even = 0;
    int odd = 0;
    for (int i = 0; i < n; i += 2) {
      if (b[i] == 0) {
        even++;
      }
      if (b[i + 1] == 0) {
        odd++;
      }
    }
    int pairs = n / 2;
    return even * 10 >= pairs * 3 || odd * 10 >= pairs * 3;
  }

  private static boolean oddZeros(byte[] b) {
    int n = Math.min(b.length, 4096) & ~1;
    int odd = 0;
    int even = 0;
    for (int i = 0; i < n; i += 2) {
      even += b[i] == 0 ? 1 : 0;
      odd += b[i + 1] == 0 ? 1 : 0;
    }
    return odd >= even;
  }

  private static Optional<Charset> byteOrderMark(byte[] b) {
    if (starts(b, 0x00, 0x00, 0xFE, 0xFF)) {
      return Optional.of(Charset.forName("UTF-32BE"));
    }
    if (starts(b, 0xFF, 0xFE, 0x00, 0x00)) {
      return Optional.of(Charset.forName("UTF-32LE"));
    }
    if (starts(b, 0xEF, 0xBB, 0xBF)) {
      return Optional.of(StandardCharsets.UTF_8);
    }
    if (starts(b, 0xFE, 0xFF)) {
      return Optional.of(StandardCharsets.UTF_16BE);
    }
    if (starts(b, 0xFF, 0xFE)) {
      return Optional.of(StandardCharsets.UTF_16LE);
    }
    return Optional.empty();
  }

  private static int bomLength(byte[] b) {
    if (starts(b, 0x00, 0x00, 0xFE, 0xFF) || starts(b, 0xFF, 0xFE, 0x00, 0x00)) {
      return 4;
    }
    return starts(b, 0xEF, 0xBB, 0xBF) ? 3 : 2;
  }

  private static boolean starts(byte[] b, int... prefix) {
    if (b.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((b[i] & 0xff) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static Optional<String> strict(Charset cs, byte[] bytes, int skip) {
    try {
      return Optional.of(
          cs.newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, skip, bytes.length - skip))
              .toString());
    } catch (java.nio.charset.CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
