package io.kvflex.vault.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The words every endpoint's failures share; each cause with its own fix. */
class TransportTest {
  private static final String HOST = "kv.vault.example:8443";

  private static String[] diagnose(Throwable t) {
    return Transport.diagnose(t, HOST, "keyvaultname, cloudname").orElseThrow();
  }

  private static SSLHandshakeException handshake(Throwable cause) {
    SSLHandshakeException e = new SSLHandshakeException("handshake");
    e.initCause(cause);
    return e;
  }

  @Test
  void tlsFailuresAreSplitByCause() {
    assertThat(
            diagnose(
                handshake(
                    new CertificateException(
                        "PKIX path building failed", new CertPathBuilderException("no path")))))
        .containsExactly(
            "the TLS certificate of " + HOST + " is not issued by a trusted CA",
            "if the endpoint (or a TLS-inspecting proxy) uses a private CA, add it to"
                + " kvflex.caCertificates in the cloud environment file (verification is never"
                + " switched off)");
    assertThat(diagnose(handshake(new CertificateExpiredException("NotAfter")))[0])
        .isEqualTo(
            "the TLS certificate of " + HOST + " has expired (or the node's clock is ahead)");
    assertThat(
            diagnose(
                handshake(
                    new CertificateException(
                        "No subject alternative DNS name matching kv.vault.example found.")))[1])
        .contains("keyvaultname, cloudname");
    assertThat(diagnose(new SSLHandshakeException("Remote host terminated the handshake"))[0])
        .isEqualTo("the TLS handshake with " + HOST + " failed");
  }

  @Test
  void connectionTroubleIsNamedAsSuch() {
    assertThat(diagnose(new UncheckedIOException(new UnknownHostException("kv")))[0])
        .isEqualTo("host " + HOST + " cannot be resolved (DNS)");
    assertThat(diagnose(new UncheckedIOException(new ConnectException("refused")))[0])
        .isEqualTo("connection to " + HOST + " failed (refused or unreachable)");
    assertThat(diagnose(new UncheckedIOException(new HttpTimeoutException("timed out")))[0])
        .isEqualTo("no answer from " + HOST + " in time");
    assertThat(diagnose(new UncheckedIOException(new SocketException("Connection reset")))[0])
        .isEqualTo("the connection to " + HOST + " was reset or closed before an answer arrived");
    assertThat(diagnose(new UncheckedIOException(new EOFException()))).isNotEmpty();
    assertThat(Transport.diagnose(new IllegalStateException("bug"), HOST, "x")).isEmpty();
    assertThat(Transport.diagnose(new IOException("x"), HOST, "x")).isPresent();
  }
}
