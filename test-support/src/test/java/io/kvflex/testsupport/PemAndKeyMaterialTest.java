package io.kvflex.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The oracles must accept what is right and reject what is not. */
class PemAndKeyMaterialTest {
  @TempDir Path dir;

  @Test
  void aStubCertificateReadsBackAndItsKeystoreHoldsItsKey() throws Exception {
    StubTls tls = StubTls.create(dir.resolve("tls"));
    List<X509Certificate> certs = Pem.certificates(tls.certificatePem());
    assertThat(certs).hasSize(1);
    X509Certificate cert = certs.get(0);
    assertThat(cert.getSubjectAlternativeNames()).hasSize(2);
    assertThat(KeyMaterial.chainOrderProblems(certs)).isEmpty();
    KeyStore ks =
        KeyMaterial.pkcs12(
            java.nio.file.Files.readAllBytes(tls.keystore()), StubTls.PASSWORD.toCharArray());
    KeyMaterial.KeyEntry entry = KeyMaterial.keyEntry(ks, StubTls.PASSWORD.toCharArray());
    assertThat(entry.chain()).containsExactly(cert);
    assertThat(KeyMaterial.pairs(entry.key(), cert.getPublicKey())).isTrue();
    assertThat(Tls.trusting(tls.certificatePem()).getProtocol()).isEqualTo("TLS");
  }

  @Test
  void strictLayoutAndKeyFirst() throws Exception {
    StubTls tls = StubTls.create(dir);
    KeyStore ks =
        KeyMaterial.pkcs12(
            java.nio.file.Files.readAllBytes(tls.keystore()), StubTls.PASSWORD.toCharArray());
    KeyMaterial.KeyEntry entry = KeyMaterial.keyEntry(ks, StubTls.PASSWORD.toCharArray());
    String certPem = Pem.encode("CERTIFICATE", entry.chain().get(0).getEncoded());
    String keyPem = Pem.encode("PRIVATE KEY", entry.key().getEncoded());

    Pem.KeyAndChain parsed = Pem.keyAndChain(bytes(keyPem + certPem));
    assertThat(parsed.key().getEncoded()).isEqualTo(entry.key().getEncoded());
    assertThat(parsed.chain()).containsExactly(entry.chain().get(0));
    // A self-signed CA-less stub is its own chain: the leaf key matches.
    KeyMaterial.assertKeyMatchesLeafAndChainOrdered(parsed.key(), parsed.chain());

    assertThatThrownBy(() -> Pem.keyAndChain(bytes(certPem + keyPem)))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> Pem.keyAndChain(bytes(keyPem + "\n" + certPem)))
        .hasMessageContaining("not contiguous");
    assertThatThrownBy(() -> Pem.keyAndChain(bytes(keyPem + certPem + "x")))
        .hasMessageContaining("after the last");
    assertThatThrownBy(() -> Pem.strictBlocks(certPem.replace("\n", "\r\n")))
        .isInstanceOf(AssertionError.class);
    assertThat(Pem.blocks("junk " + certPem.replace("\n", "\r\n") + " junk")).hasSize(1);
  }

  @Test
  void aForeignKeyDoesNotMatchTheLeaf() throws Exception {
    StubTls tls = StubTls.create(dir);
    KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
    kpg.initialize(256);
    KeyPair other = kpg.generateKeyPair();
    List<X509Certificate> chain = Pem.certificates(tls.certificatePem());
    assertThatThrownBy(
            () -> KeyMaterial.assertKeyMatchesLeafAndChainOrdered(other.getPrivate(), chain))
        .hasMessageContaining("does not belong to the leaf");
    assertThat(KeyMaterial.pairs(other.getPrivate(), other.getPublic())).isTrue();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
