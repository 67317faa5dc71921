package io.kvflex.vault.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * The JDK's exception chains for each refused certificate, as its PKIX validator and host name
 * checker build them (the drills in NetworkFaultDrillTest produce the real ones).
 */
class CertificateFailureTest {
  private static SSLHandshakeException handshake(Throwable cause) {
    SSLHandshakeException e = new SSLHandshakeException("handshake failed");
    e.initCause(cause);
    return e;
  }

  @Test
  void eachCauseIsNamed() {
    assertThat(
            CertificateFailure.of(
                handshake(
                    new CertificateException(
                        "PKIX path building failed",
                        new CertPathBuilderException("unable to find valid certification path")))))
        .contains(CertificateFailure.UNTRUSTED_ISSUER);
    assertThat(
            CertificateFailure.of(
                handshake(
                    new CertPathValidatorException(
                        "validity check failed",
                        new CertificateExpiredException("NotAfter"),
                        null,
                        -1,
                        CertPathValidatorException.BasicReason.EXPIRED))))
        .contains(CertificateFailure.EXPIRED);
    assertThat(
            CertificateFailure.of(
                handshake(
                    new CertPathValidatorException(
                        "validity check failed",
                        null,
                        null,
                        -1,
                        CertPathValidatorException.BasicReason.NOT_YET_VALID))))
        .contains(CertificateFailure.NOT_YET_VALID);
    assertThat(CertificateFailure.of(handshake(new CertificateNotYetValidException("NotBefore"))))
        .contains(CertificateFailure.NOT_YET_VALID);
    assertThat(
            CertificateFailure.of(
                handshake(
                    new CertificateException(
                        "No subject alternative DNS name matching kv.example found."))))
        .contains(CertificateFailure.HOST_MISMATCH);
    assertThat(
            CertificateFailure.of(
                handshake(new CertificateException("No name matching kv.example found"))))
        .contains(CertificateFailure.HOST_MISMATCH);
    assertThat(CertificateFailure.of(handshake(new CertificateException("revoked"))))
        .contains(CertificateFailure.OTHER);
  }

  @Test
  void theSpecificCauseWinsOverAGeneralWrapper() {
    // sun.security.validator.ValidatorException (a CertificateException) wraps the specific cause.
    assertThat(
            CertificateFailure.of(
                handshake(
                    new CertificateException(
                        "PKIX path validation failed",
                        new CertPathValidatorException(
                            "validity check failed",
                            new CertificateExpiredException("NotAfter"),
                            null,
                            -1,
                            CertPathValidatorException.BasicReason.EXPIRED)))))
        .contains(CertificateFailure.EXPIRED);
  }

  @Test
  void otherHandshakeFailuresAreNoCertificateFailure() {
    assertThat(CertificateFailure.of(new SSLHandshakeException("Received fatal alert"))).isEmpty();
  }
}
