package io.kvflex.vault.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvflex.errors.UserInputException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

class TrustedTlsTest {

  static String extraCa() throws Exception {
    try (InputStream in =
        TrustedTlsTest.class.getResourceAsStream("/io/kvflex/vault/extra-ca.pem")) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  private static X509TrustManager x509(String pem) {
    return (X509TrustManager) TrustedTls.trustManagers(pem)[0];
  }

  @Test
  void extraCaIsTrustedInAdditionToJdkDefaults() throws Exception {
    String pem = extraCa();
    X509Certificate ca = TrustedTls.parsePem(pem).get(0);
    X509TrustManager withExtra = x509(pem);
    withExtra.checkServerTrusted(new X509Certificate[] {ca}, "RSA");

    List<X509Certificate> issuers = List.of(withExtra.getAcceptedIssuers());
    assertThat(issuers).contains(ca);
    assertThat(issuers.size()).isGreaterThan(1); // the JDK's own CAs are still there
  }

  @Test
  void withoutExtraCaTheSameCertificateIsRejected() throws Exception {
    X509Certificate ca = TrustedTls.parsePem(extraCa()).get(0);
    X509TrustManager jdkOnly = x509("");
    assertThatThrownBy(() -> jdkOnly.checkServerTrusted(new X509Certificate[] {ca}, "RSA"))
        .isInstanceOf(CertificateException.class);
  }

  @Test
  void garbageCaTextIsAUserErrorNamingTheField() {
    assertThatThrownBy(() -> TrustedTls.trustManagers("not a certificate"))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("kvflex.caCertificates");
  }
}
