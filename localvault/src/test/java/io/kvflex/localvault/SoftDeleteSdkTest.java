package io.kvflex.localvault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.http.HttpClient;
import com.azure.security.keyvault.certificates.CertificateClient;
import com.azure.security.keyvault.certificates.CertificateClientBuilder;
import com.azure.security.keyvault.certificates.models.CertificatePolicy;
import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.KeyClientBuilder;
import com.azure.security.keyvault.keys.models.KeyType;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.DeletedSecret;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Soft delete, recover, purge and name reuse, through the SDK and raw HTTP. */
class SoftDeleteSdkTest {
  static LocalVault lv;
  static SecretClient secrets;
  static KeyClient keys;
  static CertificateClient certs;
  static final java.time.Duration FAST = java.time.Duration.ofMillis(20);

  @BeforeAll
  static void start() {
    lv = TestVaults.shared();
    HttpClient http = TestVaults.azureHttpClient(lv);
    var writer =
        TestVaults.credential(lv, http, TestVaults.clientId("it-writer"), "writer-secret-value");
    String url = lv.vaultUrl(TestVaults.VAULT);
    secrets = TestVaults.secrets(lv, "it-writer", "writer-secret-value");
    keys = new KeyClientBuilder().vaultUrl(url).credential(writer).httpClient(http).buildClient();
    certs =
        new CertificateClientBuilder()
            .vaultUrl(url)
            .credential(writer)
            .httpClient(http)
            .buildClient();
  }

  @Test
  void deletedSecretIsRecoverableAndItsNameCannotBeReused() {
    secrets.setSecret("to-delete", "v1");
    DeletedSecret d =
        secrets.beginDeleteSecret("to-delete").setPollInterval(FAST).waitForCompletion().getValue();
    assertThat(d.getRecoveryId()).isEqualTo(lv.vaultUrl("kvflex-it") + "deletedsecrets/to-delete");
    assertThat(d.getScheduledPurgeDate()).isAfter(d.getDeletedOn());
    assertThatThrownBy(() -> secrets.getSecret("to-delete"))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> secrets.setSecret("to-delete", "v2"))
        .isInstanceOf(HttpResponseException.class)
        .hasMessageContaining("ObjectIsDeletedButRecoverable");
    assertThat(secrets.listDeletedSecrets().stream().map(DeletedSecret::getName))
        .contains("to-delete");

    secrets.beginRecoverDeletedSecret("to-delete").setPollInterval(FAST).waitForCompletion();
    assertThat(secrets.getSecret("to-delete").getValue()).isEqualTo("v1");

    secrets.beginDeleteSecret("to-delete").setPollInterval(FAST).waitForCompletion();
    secrets.purgeDeletedSecret("to-delete");
    assertThatThrownBy(() -> secrets.getDeletedSecret("to-delete"))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("Deleted Secret not found: to-delete");
    assertThat(secrets.setSecret("to-delete", "fresh").getValue()).isEqualTo("fresh");
  }

  @Test
  void deletingACertificateDeletesItsKeyAndSecret() {
    certs
        .beginCreateCertificate("cert-to-delete", CertificatePolicy.getDefault())
        .setPollInterval(FAST)
        .getFinalResult();
    certs.beginDeleteCertificate("cert-to-delete").setPollInterval(FAST).waitForCompletion();
    assertThatThrownBy(() -> secrets.getSecret("cert-to-delete"))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> keys.getKey("cert-to-delete"))
        .isInstanceOf(ResourceNotFoundException.class);
    certs
        .beginRecoverDeletedCertificate("cert-to-delete")
        .setPollInterval(FAST)
        .waitForCompletion();
    assertThat(secrets.getSecret("cert-to-delete").getProperties().isManaged()).isTrue();
  }

  @Test
  void createdKeyCanBeDeletedAndPurged() {
    assertThat(keys.createKey("key-to-delete", KeyType.EC).getKeyType()).isEqualTo(KeyType.EC);
    keys.beginDeleteKey("key-to-delete").setPollInterval(FAST).waitForCompletion();
    keys.purgeDeletedKey("key-to-delete");
    assertThat(keys.listDeletedKeys().stream().map(k -> k.getName()))
        .doesNotContain("key-to-delete");
  }

  @Test
  void certificateBackedSecretCannotBeDeletedDirectly() {
    Raw raw = new Raw(lv);
    String token = raw.token("it-writer", "writer-secret-value");
    HttpResponse<String> r =
        raw.vaultSend("kvflex-it", "DELETE", "secrets/web-pfx?api-version=7.4", token, "");
    assertThat(r.statusCode()).isEqualTo(403);
    HttpResponse<String> noPerm =
        raw.vaultSend(
            "kvflex-it",
            "DELETE",
            "secrets/db-password?api-version=7.4",
            raw.token("it-reader", "reader-secret-value"),
            "");
    assertThat(Raw.error(noPerm).get("message").toString())
        .contains("does not have secrets delete permission");
  }
}
