package io.kvflex.options;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How an object's bytes land in its file (option {@code keyvaultobjectformats}). Which formats
 * apply to which {@link ObjectType}, and each type's default, live here and nowhere else.
 */
public enum ObjectFormat {
  /** Secret: the stored value, byte for byte. */
  RAW("raw"),
  /** Secret: key + ordered chain; key: PKIX public key; cert: the certificate as PEM. */
  PEM("pem"),
  /** Secret: binary PKCS#12 decoded from the stored base64. */
  PFX("pfx"),
  /** Secret: the stored value base64-decoded. */
  BASE64("base64"),
  /** Secret: the stored value hex-decoded. */
  HEX("hex"),
  /** Key: the public JWK as JSON. */
  JWK("jwk"),
  /** Key: legacy output, the base64url RSA modulus text. */
  MODULUS("modulus"),
  /** Cert: legacy output, the raw DER bytes. */
  DER("der");

  private final String optionValue;

  ObjectFormat(String optionValue) {
    this.optionValue = optionValue;
  }

  public String optionValue() {
    return optionValue;
  }

  /** Formats valid for a type, in documentation order. */
  public static Set<ObjectFormat> allowedFor(ObjectType type) {
    return switch (type) {
      case SECRET -> EnumSet.of(RAW, PEM, PFX, BASE64, HEX);
      case KEY -> EnumSet.of(PEM, JWK, MODULUS);
      case CERT -> EnumSet.of(PEM, DER);
    };
  }

  /** The default format of a type (deliberately PEM for keys and certs; see README "Migration"). */
  public static ObjectFormat defaultFor(ObjectType type) {
    return switch (type) {
      case SECRET -> RAW;
      case KEY, CERT -> PEM;
    };
  }

  /** Case-insensitive parse of an option value. */
  public static Optional<ObjectFormat> fromOption(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (ObjectFormat f : values()) {
      if (f.optionValue.equals(v)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
