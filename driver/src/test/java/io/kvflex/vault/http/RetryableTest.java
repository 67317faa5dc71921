package io.kvflex.vault.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertificateExpiredException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** One retry rule for Key Vault, Entra ID, IMDS and NMI. */
class RetryableTest {
  private static UncheckedIOException unchecked(IOException e) {
    return new UncheckedIOException(e);
  }

  @Test
  void transientNetworkFailuresAreRetried() {
    assertThat(Retryable.failure(unchecked(new SocketException("Connection reset")))).isTrue();
    assertThat(Retryable.failure(unchecked(new ConnectException("refused")))).isTrue();
    assertThat(Retryable.failure(unchecked(new HttpTimeoutException("request timed out"))))
        .isTrue();
    assertThat(Retryable.failure(new RuntimeException(new TimeoutException()))).isTrue();
    assertThat(
            Retryable.failure(
                unchecked(new BodyFailure(BodyFailure.Kind.BROKEN, 10, 100, new EOFException()))))
        .isTrue();
    assertThat(
            Retryable.failure(unchecked(new BodyFailure(BodyFailure.Kind.MALFORMED, 10, 10, null))))
        .isTrue();
    // A handshake cut short is a network hiccup, not a refused certificate.
    assertThat(
            Retryable.failure(
                unchecked(
                    new IOException(
                        new SSLHandshakeException("Remote host terminated the handshake")))))
        .isTrue();
  }

  @Test
  void unknownHostsRefusedCertificatesOversizedAnswersAndProxyRefusalsAreNot() {
    assertThat(Retryable.failure(unchecked(new UnknownHostException("kv.example")))).isFalse();
    SSLHandshakeException expired = new SSLHandshakeException("PKIX path validation failed");
    expired.initCause(new CertificateExpiredException("NotAfter: ..."));
    assertThat(Retryable.failure(unchecked(expired))).isFalse();
    assertThat(Retryable.failure(new ResponseTooLarge(1024, 4096))).isFalse();
    assertThat(
            Retryable.failure(
                new ProxyFailure(Problem.of("the proxy refused", "https://x/", 407, "c", "f"))))
        .isFalse();
    assertThat(Retryable.failure(new IllegalStateException("a bug"))).isFalse();
  }
}
