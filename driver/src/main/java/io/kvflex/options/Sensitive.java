package io.kvflex.options;

import java.util.Arrays;
import java.util.Objects;

/**
 * Bytes that must never be printed: client secrets, certificate private keys, tokens. {@link
 * #toString()} is redacted, so a record holding one can be logged or shown in an exception without
 * leaking it. Callers that need the value call {@link #reveal()} at the last moment.
 */
public final class Sensitive {
  private final byte[] value;

  private Sensitive(byte[] value) {
    this.value = value.clone();
  }

  public static Sensitive of(byte[] value) {
    return new Sensitive(Objects.requireNonNull(value));
  }

  public static Sensitive ofUtf8(String value) {
    return new Sensitive(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** A copy of the raw bytes. */
  public byte[] reveal() {
    return value.clone();
  }

  /** The bytes as UTF-8 text (client secrets, PEM material). */
  public String revealUtf8() {
    return new String(value, java.nio.charset.StandardCharsets.UTF_8);
  }

  public boolean isEmpty() {
    return value.length == 0;
  }

  @Override
  public String toString() {
    return "Sensitive[****]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sensitive s && java.security.MessageDigest.isEqual(value, s.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }
}
