package io.kvflex.vault.http;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import java.util.Optional;

/**
 * Why a TLS peer's certificate was refused, read from the JDK's exception chain: each cause has its
 * own fix, and none of them heals by retrying.
 */
public enum CertificateFailure {
  /** No trusted CA issued it (a private CA, or a TLS-intercepting proxy). */
  UNTRUSTED_ISSUER,
  /** Its validity period has ended (or the node's clock is ahead). */
  EXPIRED,
  /** Its validity period has not begun (or the node's clock is behind). */
  NOT_YET_VALID,
  /** It does not name the host that was asked for. */
  HOST_MISMATCH,
  /** Refused for another reason (revoked, bad signature, wrong key usage ...). */
  OTHER;

  /** The certificate failure in {@code t}'s cause chain, if there is one. */
  public static Optional<CertificateFailure> of(Throwable t) {
    CertificateFailure found = null;
    for (Throwable c = t; c != null; c = c.getCause()) {
      CertificateFailure here = classify(c);
      if (here != null && (found == null || found == OTHER)) {
        found = here;
      }
    }
    return Optional.ofNullable(found);
  }

  private static CertificateFailure classify(Throwable c) {
    if (c instanceof CertificateExpiredException) {
      return EXPIRED;
    }
    if (c instanceof CertificateNotYetValidException) {
      return NOT_YET_VALID;
    }
    if (c instanceof CertPathValidatorException v
        && v.getReason() instanceof CertPathValidatorException.BasicReason r) {
      if (r == CertPathValidatorException.BasicReason.EXPIRED) {
        return EXPIRED;
      }
      if (r == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
        return NOT_YET_VALID;
      }
    }
    if (c instanceof CertPathBuilderException) {
      // PKIX could not build a path to a trust anchor: the issuer is not trusted.
      return UNTRUSTED_ISSUER;
    }
    if (c instanceof CertificateException) {
      // The JDK's host name check (sun.security.util.HostnameChecker) says so only in words.
      String m = String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT);
      if (m.startsWith("no subject alternative") || m.startsWith("no name matching")) {
        return HOST_MISMATCH;
      }
      return OTHER;
    }
    if (c instanceof CertPathValidatorException) {
      return OTHER;
    }
    return null;
  }
}
