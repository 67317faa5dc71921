package io.kvflex.vault.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvflex.errors.UserInputException;
import io.kvflex.options.IdentityMode.ServicePrincipalCertificate;
import io.kvflex.options.Sensitive;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientCertificateMaterialTest {
  static byte[] resource(String name) throws IOException {
    try (InputStream in =
        ClientCertificateMaterialTest.class.getResourceAsStream("/io/kvflex/vault/" + name)) {
      return in.readAllBytes();
    }
  }

  private static ServicePrincipalCertificate sp(byte[] cert, String password) {
    return new ServicePrincipalCertificate(
        "app-2", Sensitive.of(cert), Optional.ofNullable(password).map(Sensitive::ofUtf8));
  }

  @Test
  void pemWithCertificateAndKey() throws Exception {
    ClientCertificateMaterial m = ClientCertificateMaterial.of(sp(resource("sp.pem"), null));
    assertThat(m.kind()).isEqualTo(ClientCertificateMaterial.Kind.PEM);
    assertThat(m.toString()).doesNotContain("PRIVATE");
  }

  @Test
  void pkcs12WithPasswordAndWithout() throws Exception {
    assertThat(ClientCertificateMaterial.of(sp(resource("sp-pw.p12"), "test-pfx-pw")).kind())
        .isEqualTo(ClientCertificateMaterial.Kind.PKCS12);
    assertThat(ClientCertificateMaterial.of(sp(resource("sp-nopw.p12"), null)).password())
        .isEmpty();
  }

  @Test
  void wrongPkcs12PasswordNamesTheSecretKeysButNotThePassword() throws Exception {
    String wrong = "wrong-pw-SENTINEL-31";
    assertThatThrownBy(() -> ClientCertificateMaterial.of(sp(resource("sp-pw.p12"), wrong)))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("clientcertpassword is wrong")
        .hasMessageContaining("service principal app-2 (client certificate)")
        .hasMessageNotContaining(wrong);
  }

  @Test
  void pemWithoutKey() throws Exception {
    String pem = new String(resource("sp.pem"), StandardCharsets.US_ASCII);
    String certOnly = pem.substring(0, pem.indexOf("-----BEGIN PRIVATE KEY-----"));
    assertThatThrownBy(
            () ->
                ClientCertificateMaterial.of(
                    sp(certOnly.getBytes(StandardCharsets.US_ASCII), null)))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("CERTIFICATE block and a PRIVATE KEY block");
  }

  @Test
  void encryptedPemKeyIsRefusedWithAnAlternative() {
    String pem =
        "-----BEGIN CERTIFICATE-----\nAA\n-----END CERTIFICATE-----\n"
            + "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAA\n-----END ENCRYPTED PRIVATE KEY-----\n";
    assertThatThrownBy(
            () -> ClientCertificateMaterial.of(sp(pem.getBytes(StandardCharsets.US_ASCII), null)))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("PKCS#12 file with clientcertpassword");
  }

  @Test
  void garbageIsNeitherPemNorPkcs12() {
    assertThatThrownBy(() -> ClientCertificateMaterial.of(sp(new byte[] {1, 2, 3}, null)))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("neither PEM nor a PKCS#12");
  }
}
