package io.kvflex.vault.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvflex.testsupport.Pem;
import io.kvflex.testsupport.StubTls;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedTlsTest {

  static X509Certificate extraCa() throws Exception {
    try (InputStream in =
        TrustedTlsTest.class.getResourceAsStream("/io/kvflex/vault/extra-ca.pem")) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static X509TrustManager x509(List<X509Certificate> extra) {
    return (X509TrustManager) TrustedTls.trustManagers(extra)[0];
  }

  @Test
  void extraCaIsTrustedInAdditionToJdkDefaults() throws Exception {
    X509Certificate ca = extraCa();
    X509TrustManager withExtra = x509(List.of(ca));
    withExtra.checkServerTrusted(new X509Certificate[] {ca}, "RSA");

    List<X509Certificate> issuers = List.of(withExtra.getAcceptedIssuers());
    assertThat(issuers).contains(ca);
    assertThat(issuers.size()).isGreaterThan(1); // the JDK's own CAs are still there
  }

  @Test
  void withoutExtraCaTheSameCertificateIsRejected() throws Exception {
    X509Certificate ca = extraCa();
    X509TrustManager jdkOnly = x509(List.of());
    assertThatThrownBy(() -> jdkOnly.checkServerTrusted(new X509Certificate[] {ca}, "RSA"))
        .isInstanceOf(CertificateException.class);
  }

  @Test
  void aChainToAnExtraCaIsCheckedWithoutReadingTheJdkCaStore() throws Exception {
    X509Certificate ca = extraCa();
    CloudTrustManager tm = (CloudTrustManager) x509(List.of(ca));
    tm.checkServerTrusted(new X509Certificate[] {ca}, "RSA");
    assertThat(tm.jdkCasRead()).isFalse();
  }

  @Test
  void aChainTheExtraCasDoNotKnowIsAskedOfTheJdkCasAndRefusedAsUntrusted(@TempDir Path dir)
      throws Exception {
    X509Certificate ca = extraCa();
    X509Certificate other = Pem.certificates(StubTls.create(dir).certificatePem()).get(0);
    CloudTrustManager tm = (CloudTrustManager) x509(List.of(other));
    assertThatThrownBy(() -> tm.checkServerTrusted(new X509Certificate[] {ca}, "RSA"))
        .isInstanceOf(CertificateException.class)
        .satisfies(
            e ->
                assertThat(CertificateFailure.of(e)).contains(CertificateFailure.UNTRUSTED_ISSUER));
    assertThat(tm.jdkCasRead()).isTrue();
  }
}
