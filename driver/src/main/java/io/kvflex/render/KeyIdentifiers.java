package io.kvflex.render;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/** The subject and authority key identifiers of a certificate, when present and well formed. */
final class KeyIdentifiers {
  private static final String SUBJECT_KEY_ID = "2.5.29.14";
  private static final String AUTHORITY_KEY_ID = "2.5.29.35";

  private KeyIdentifiers() {}

  /** {@code SubjectKeyIdentifier ::= OCTET STRING}. */
  static Optional<byte[]> subjectKeyId(X509Certificate c) {
    try {
      Der.Tlv value = extension(c, SUBJECT_KEY_ID);
      return value != null && value.tag() == Der.OCTET_STRING
          ? Optional.of(value.content())
          : Optional.empty();
    } catch (BadContentException malformed) {
      return Optional.empty();
    }
  }

  /**
   * {@code AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING, ...}}.
   */
  static Optional<byte[]> authorityKeyId(X509Certificate c) {
    try {
      Der.Tlv value = extension(c, AUTHORITY_KEY_ID);
      if (value == null || value.tag() != Der.SEQUENCE) {
        return Optional.empty();
      }
      List<Der.Tlv> fields = Der.parseAll(value.content());
      return fields.stream().filter(f -> f.tag() == 0x80).findFirst().map(Der.Tlv::content);
    } catch (BadContentException malformed) {
      return Optional.empty();
    }
  }

  /** The extension's value; the JDK returns it wrapped in one more OCTET STRING. */
  private static Der.Tlv extension(X509Certificate c, String oid) throws BadContentException {
    byte[] wrapped = c.getExtensionValue(oid);
    if (wrapped == null) {
      return null;
    }
    return Der.parse(Der.parse(wrapped).content());
  }
}
