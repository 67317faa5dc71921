package io.kvflex.options;

import java.util.Base64;
import java.util.Optional;

/**
 * Keys of the {@code secretRef} Secret as the kubelet passes them: {@code
 * kubernetes.io/secret/<key>} with the standard, padded base64 of the Secret's bytes. Whitespace
 * inside the base64 text (line breaks, spaces) is tolerated, as the legacy driver did. Decoding
 * errors name the key, never the value.
 */
final class KubeletSecrets {
  private final RawOptions options;
  private final Problems problems;
  private boolean undecodable;

  KubeletSecrets(RawOptions options, Problems problems) {
    this.options = options;
    this.problems = problems;
  }

  /** The decoded bytes of Secret key {@code key}, or empty when absent, blank or undecodable. */
  Optional<Sensitive> get(String key) {
    String option = KnownOptions.SECRET_PREFIX + key;
    Optional<String> text = options.untrimmed(option);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<byte[]> bytes = decode(text.get());
    if (bytes.isEmpty()) {
      undecodable = true;
      problems.add(
          OptionRule.INVALID_SECRET_ENCODING,
          option,
          "the value of "
              + option
              + " is not base64; the kubelet passes each key of the secretRef Secret base64-encoded,"
              + " so do not set "
              + option
              + " in the volume options, put key "
              + key
              + " in the Secret instead");
      return Optional.empty();
    }
    if (bytes.get().length == 0) {
      return Optional.empty();
    }
    return Optional.of(Sensitive.of(bytes.get()));
  }

  /** True once any key failed to decode (so "missing" findings would only repeat that). */
  boolean anyUndecodable() {
    return undecodable;
  }

  /** Standard-alphabet base64 with whitespace removed; empty when not valid base64. */
  static Optional<byte[]> decode(String text) {
    StringBuilder compact = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        compact.append(c);
      }
    }
    try {
      // The JDK's message would quote an offending character of the secret: never propagate it.
      return Optional.of(Base64.getDecoder().decode(compact.toString()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Bytes with trailing CR/LF removed: Secrets created from files often end with a newline. */
  static Sensitive stripTrailingNewlines(Sensitive s) {
    byte[] b = s.reveal();
    int end = b.length;
    while (end > 0 && (b[end - 1] == '\n' || b[end - 1] == '\r')) {
      end--;
    }
    return end == b.length ? s : Sensitive.of(java.util.Arrays.copyOf(b, end));
  }
}
