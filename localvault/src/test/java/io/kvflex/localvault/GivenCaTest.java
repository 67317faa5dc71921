package io.kvflex.localvault;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.localvault.pki.CertificateAuthority;
import io.kvflex.localvault.pki.Pem;
import io.kvflex.localvault.seed.SeedLoader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

/** The TLS certificate is issued by a CA the caller provides. */
class GivenCaTest {

  @Test
  void serverCertificateChainsToTheGivenCa() throws Exception {
    CertificateAuthority ca =
        CertificateAuthority.generateRoot("CN=Given Test CA", Instant.now(), Duration.ofDays(2));
    String caPem = Pem.certificate(ca.certificate());
    String keyPem = ca.privateKeyPem();
    String seed = "vaults:\n  - name: kvflex-it\n    secrets:\n      - name: s\n        value: v\n";
    TestVaults.shared(); // the hosts file lists kvflex-it
    try (LocalVault lv =
        LocalVault.start(
            LocalVaultConfig.of(SeedLoader.parse("ca.yaml", seed)).withCa(caPem, keyPem))) {
      assertThat(lv.caPem()).isEqualTo(caPem);
      HttpResponse<String> r =
          new Raw(lv)
              .send(
                  HttpRequest.newBuilder(
                      URI.create(lv.vaultUrl("kvflex-it") + "secrets/s?api-version=7.4")));
      assertThat(r.statusCode()).isEqualTo(401);
      SSLSession session = r.sslSession().orElseThrow();
      X509Certificate leaf = (X509Certificate) session.getPeerCertificates()[0];
      leaf.verify(ca.certificate().getPublicKey());
      assertThat(leaf.getSubjectAlternativeNames())
          .extracting(l -> String.valueOf(l.get(1)))
          .contains("*.vault.localvault.test", "login.localvault.test", "localhost", "127.0.0.1");
    }
  }
}
