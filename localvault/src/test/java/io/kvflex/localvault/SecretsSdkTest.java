package io.kvflex.localvault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.exception.ResourceNotFoundException;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Secrets through the real Azure SDK SecretClient with a ClientSecretCredential. */
class SecretsSdkTest {
  static LocalVault lv;
  static SecretClient reader;

  @BeforeAll
  static void start() {
    lv = TestVaults.shared();
    reader = TestVaults.secrets(lv, "it-reader", "reader-secret-value");
  }

  @Test
  void getsLatestAndExplicitVersions() {
    KeyVaultSecret latest = reader.getSecret("db-password");
    assertThat(latest.getValue()).isEqualTo("s3cr3t-value");
    assertThat(latest.getProperties().getContentType()).isEqualTo("text/plain");
    assertThat(latest.getProperties().getTags()).containsEntry("owner", "team-a");
    assertThat(latest.getProperties().getVersion()).matches("[0-9a-f]{32}");
    assertThat(latest.getId())
        .isEqualTo(
            lv.vaultUrl("kvflex-it")
                + "secrets/db-password/"
                + latest.getProperties().getVersion());

    List<SecretProperties> versions =
        reader.listPropertiesOfSecretVersions("db-password").stream().toList();
    assertThat(versions).hasSize(2);
    String older =
        versions.stream()
            .map(SecretProperties::getVersion)
            .filter(v -> !v.equals(latest.getProperties().getVersion()))
            .findFirst()
            .orElseThrow();
    assertThat(reader.getSecret("db-password", older).getValue()).isEqualTo("old-password");
  }

  @Test
  void unknownSecretIsNotFound() {
    assertThatThrownBy(() -> reader.getSecret("no-such-secret"))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("SecretNotFound");
  }

  @Test
  void listsFollowNextLinkAcrossPages() {
    assertThat(reader.listPropertiesOfSecretVersions("many-versions").stream().count())
        .isEqualTo(28);
    assertThat(reader.listPropertiesOfSecrets().stream().map(SecretProperties::getName))
        .contains("db-password", "disabled-secret", "many-versions", "web-pfx", "web-pem");
  }
}
