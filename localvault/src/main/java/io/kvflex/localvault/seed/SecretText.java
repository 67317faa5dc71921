package io.kvflex.localvault.seed;

import java.util.Objects;

/** A secret string (secret value, client secret) that never shows itself in {@code toString()}. */
public final class SecretText {
  private final String value;

  public SecretText(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  /** The clear text; call only where the value is put on the wire. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretText other && other.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "***";
  }
}
