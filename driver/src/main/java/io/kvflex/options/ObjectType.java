package io.kvflex.options;

import java.util.Locale;
import java.util.Optional;

/** The kind of Key Vault object a volume entry names (option {@code keyvaultobjecttypes}). */
public enum ObjectType {
  SECRET("secret"),
  KEY("key"),
  CERT("cert");

  private final String optionValue;

  ObjectType(String optionValue) {
    this.optionValue = optionValue;
  }

  /** The spelling used in the options ({@code secret}, {@code key}, {@code cert}). */
  public String optionValue() {
    return optionValue;
  }

  /**
   * Parses an option value; case-insensitive, and {@code certificate} is accepted as a synonym of
   * {@code cert} (the legacy error text suggested it but rejected it).
   */
  public static Optional<ObjectType> fromOption(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("certificate")) {
      return Optional.of(CERT);
    }
    for (ObjectType t : values()) {
      if (t.optionValue.equals(v)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
