package io.kvflex.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvflex.errors.UserInputException;
import io.kvflex.flexvolume.Fixtures;
import io.kvflex.options.CloudName;
import io.kvflex.options.CloudSelection;
import io.kvflex.options.IdentityMode;
import io.kvflex.options.MountRequest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vault URL callers outside a mount get is the one a mount calls. */
class AzureClientsTest {
  @TempDir Path tmp;

  private static MountRequest request(String vault, CloudSelection cloud, IdentityMode identity) {
    MountRequest r = Fixtures.request(List.of(Fixtures.secret("a")), Duration.ofSeconds(30));
    return new MountRequest(
        vault,
        r.tenantId(),
        cloud,
        identity,
        r.objects(),
        r.fileMode(),
        r.fsGroup(),
        r.tmpfsSizeBytes(),
        r.timeout(),
        r.rotationPollInterval(),
        r.pod(),
        r.subscriptionId(),
        r.resourceGroup());
  }

  @Test
  void aNamedCloudsVaultUrlHasItsSuffixAndTheNameInLowerCase() {
    MountRequest r =
        request(
            "KvFlexVault",
            new CloudSelection(CloudName.AZURE_CHINA_CLOUD, Optional.empty()),
            new IdentityMode.VmManagedIdentity(Optional.empty()));
    assertThat(AzureClients.vaultUrl(r))
        .isEqualTo(URI.create("https://kvflexvault.vault.azure.cn/"));
  }

  @Test
  void aCloudEnvironmentFileGivesItsSuffixWithItsPortWhateverTheIdentity() throws Exception {
    Path file = tmp.resolve("cloud.json");
    Files.writeString(
        file,
        """
        {"name":"LocalVault","activeDirectoryEndpoint":"https://login.localvault.test:8443/",
         "keyVaultDNSSuffix":"vault.localvault.test:8443",
         "resourceIdentifiers":{"keyVault":"https://vault.localvault.test"}}
        """);
    CloudSelection stack = new CloudSelection(CloudName.AZURE_STACK_CLOUD, Optional.of(file));
    URI expected = URI.create("https://demo-vault.vault.localvault.test:8443/");
    assertThat(
            AzureClients.vaultUrl(
                request("demo-vault", stack, new IdentityMode.PodIdentity("ns", "pod", 3000))))
        .isEqualTo(expected);
    assertThat(
            AzureClients.vaultUrl(
                request("demo-vault", stack, new IdentityMode.VmManagedIdentity(Optional.empty()))))
        .isEqualTo(expected);
  }

  @Test
  void aMissingCloudEnvironmentFileIsTheUsersToFix() {
    CloudSelection missing =
        new CloudSelection(CloudName.AZURE_STACK_CLOUD, Optional.of(tmp.resolve("nope.json")));
    assertThatThrownBy(
            () ->
                AzureClients.vaultUrl(
                    request(
                        "demo-vault",
                        missing,
                        new IdentityMode.VmManagedIdentity(Optional.empty()))))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("nope.json");
  }
}
