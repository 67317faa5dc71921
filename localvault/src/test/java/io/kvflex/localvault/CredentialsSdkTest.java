package io.kvflex.localvault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** azure-identity credentials other than client secret, and auth failures seen through the SDK. */
class CredentialsSdkTest {
  static LocalVault lv;
  static HttpClient http;

  @BeforeAll
  static void start() {
    lv = TestVaults.shared();
    http = TestVaults.azureHttpClient(lv);
  }

  private static SecretClient client(com.azure.core.credential.TokenCredential cred) {
    return new SecretClientBuilder()
        .vaultUrl(lv.vaultUrl(TestVaults.VAULT))
        .credential(cred)
        .httpClient(http)
        .buildClient();
  }

  @Test
  void clientCertificateCredentialAuthenticatesWithAnAssertion() {
    String pem = lv.clientCertificatePem("it-cert-app").orElseThrow();
    var cred =
        new ClientCertificateCredentialBuilder()
            .tenantId(TestVaults.TENANT)
            .clientId(TestVaults.clientId("it-cert-app"))
            .pemCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)))
            .authorityHost(lv.authorityHost())
            .disableInstanceDiscovery()
            .httpClient(http)
            .build();
    assertThat(client(cred).getSecret("db-password").getValue()).isEqualTo("s3cr3t-value");
    assertThat(lv.requestCounts().count("token.clientCredentials", "it-cert-app")).isPositive();
  }

  @Test
  void clientCertificateCredentialWorksWithPkcs12Too() {
    byte[] pfx = lv.clientCertificatePkcs12("it-cert-app").orElseThrow();
    var cred =
        new ClientCertificateCredentialBuilder()
            .tenantId(TestVaults.TENANT)
            .clientId(TestVaults.clientId("it-cert-app"))
            .pfxCertificate(new ByteArrayInputStream(pfx))
            .clientCertificatePassword("")
            .authorityHost(lv.authorityHost())
            .disableInstanceDiscovery()
            .httpClient(http)
            .build();
    assertThat(client(cred).getSecret("db-password").getValue()).isEqualTo("s3cr3t-value");
  }

  @Test
  void certificateOfAnotherAppIsRefused() {
    String pem = lv.clientCertificatePem("it-cert-app").orElseThrow();
    var cred =
        new ClientCertificateCredentialBuilder()
            .tenantId(TestVaults.TENANT)
            .clientId(TestVaults.clientId("it-reader"))
            .pemCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)))
            .authorityHost(lv.authorityHost())
            .disableInstanceDiscovery()
            .httpClient(http)
            .build();
    assertThatThrownBy(() -> client(cred).getSecret("db-password"))
        .hasMessageContaining("AADSTS700027");
  }

  @Test
  void managedIdentityCredentialUsesTheLocalImds() throws Exception {
    // MSAL4J reads AZURE_POD_IDENTITY_AUTHORITY_HOST from the process environment, so the real
    // ManagedIdentityCredential runs in a child JVM with that variable set.
    for (String[] identity :
        new String[][] {{"it-vm"}, {"it-user", ManagedIdentityTest.clientIdOf("it-user")}}) {
      lv.resetRequestCounts();
      ProcessBuilder pb =
          new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-cp",
              System.getProperty("java.class.path"),
              ImdsProbe.class.getName(),
              lv.vaultScope());
      if (identity.length > 1) {
        pb.command().add(identity[1]);
      }
      pb.environment().put("AZURE_POD_IDENTITY_AUTHORITY_HOST", lv.imdsEndpoint());
      pb.redirectErrorStream(true);
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(out).contains("token-length=");
      assertThat(p.exitValue()).isZero();
      assertThat(lv.requestCounts().count("imds.token", identity[0])).isEqualTo(1);
    }
  }

  @Test
  void wrongClientSecretFailsWithInvalidClient() {
    SecretClient c =
        client(TestVaults.credential(lv, http, TestVaults.clientId("it-reader"), "wrong"));
    assertThatThrownBy(() -> c.getSecret("db-password")).hasMessageContaining("AADSTS7000215");
  }

  @Test
  void callerWithoutPermissionGets403ThroughTheSdk() {
    SecretClient c =
        client(
            TestVaults.credential(
                lv, http, TestVaults.clientId("it-no-access"), "no-access-secret-value"));
    assertThatThrownBy(() -> c.getSecret("db-password"))
        .isInstanceOf(HttpResponseException.class)
        .hasMessageContaining("ForbiddenByPolicy");
  }
}
