package io.kvflex.render;

/** The ways a PKCS#12 can fail to open, worded once for the reader, its MAC and its ciphers. */
final class Pkcs12Problems {
  static final String REEXPORT_FIX =
      "Re-export it with standard algorithms and an empty password (openssl pkcs12 -export"
          + " -passout pass:), or import it into Key Vault as a certificate and mount its secret.";

  private Pkcs12Problems() {}

  static BadContentException passwordProtected(String evidence) {
    return BadContentException.withFix(
        "is a PKCS#12 protected by a password ("
            + evidence
            + "); kvflex opens PKCS#12 files with the empty password Key Vault uses",
        "Import the file into Key Vault as a certificate (az keyvault certificate import"
            + " --password ...) and mount its secret, or re-export it with an empty password"
            + " (openssl pkcs12 -export -passout pass:).");
  }

  /** An algorithm named by its OID (public, never part of a secret). */
  static BadContentException unsupported(String what, String oid) {
    return BadContentException.withFix(
        "is a PKCS#12 whose " + what + " algorithm (" + oid + ") this Java runtime lacks",
        REEXPORT_FIX);
  }

  static BadContentException damaged() {
    return new BadContentException(
        "is not a readable PKCS#12 (the file is truncated, damaged or not PKCS#12)");
  }
}
