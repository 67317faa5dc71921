package io.kvflex.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvflex.errors.UserInputException;
import io.kvflex.options.CloudName;
import io.kvflex.options.CloudSelection;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CloudEnvironmentsTest {
  @TempDir Path dir;

  static String twoCas() throws IOException {
    try (InputStream in = CloudEnvironmentsTest.class.getResourceAsStream("two-cas.pem")) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  static String localvaultFile(String caPem) {
    return """
        {
          "name": "LocalVault",
          "activeDirectoryEndpoint": "https://login.localvault.test:8443",
          "resourceManagerEndpoint": "https://management.localvault.test:8443/",
          "graphEndpoint": "https://graph.localvault.test:8443/",
          "keyVaultDNSSuffix": "vault.localvault.test:8443",
          "storageEndpointSuffix": "ignored.example",
          "resourceIdentifiers": {"keyVault": "https://vault.localvault.test", "graph": "https://graph.localvault.test/"},
          "kvflex": {
            "imdsEndpoint": "http://127.0.0.1:40001",
            "nmiEndpoint": "http://127.0.0.1:40002",
            "microsoftGraphEndpoint": "https://graph.localvault.test:8443/",
            "caCertificates": %s,
            "futureField": 1
          }
        }
        """
        .formatted(quote(caPem));
  }

  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  @ParameterizedTest
  @CsvSource({
    "AZURE_PUBLIC_CLOUD, AzurePublicCloud, https://login.microsoftonline.com/, https://myvault.vault.azure.net, https://vault.azure.net/.default, https://management.azure.com/",
    "AZURE_US_GOVERNMENT_CLOUD, AzureUSGovernmentCloud, https://login.microsoftonline.us/, https://myvault.vault.usgovcloudapi.net, https://vault.usgovcloudapi.net/.default, https://management.usgovcloudapi.net/",
    "AZURE_CHINA_CLOUD, AzureChinaCloud, https://login.chinacloudapi.cn/, https://myvault.vault.azure.cn, https://vault.azure.cn/.default, https://management.chinacloudapi.cn/",
    "AZURE_GERMAN_CLOUD, AzureGermanCloud, https://login.microsoftonline.de/, https://myvault.vault.microsoftazure.de, https://vault.microsoftazure.de/.default, https://management.microsoftazure.de/"
  })
  void builtInClouds(
      CloudName name, String display, String authority, String vaultUrl, String scope, String arm) {
    CloudEnvironment env =
        CloudEnvironments.resolve(new CloudSelection(name, Optional.empty()), 2579);
    assertThat(env.name()).isEqualTo(display);
    assertThat(env.authorityHost()).isEqualTo(URI.create(authority));
    assertThat(env.vaultUrl("myvault")).isEqualTo(vaultUrl);
    assertThat(env.vaultScope()).isEqualTo(scope);
    assertThat(env.resourceManagerEndpoint()).hasValue(URI.create(arm));
    assertThat(env.imdsEndpoint()).isEqualTo(URI.create("http://169.254.169.254"));
    assertThat(env.nmiEndpoint()).isEqualTo(URI.create("http://127.0.0.1:2579"));
    assertThat(env.caCertificates()).isEmpty();
  }

  @Test
  void nmiPortSetsTheDefaultNmiEndpoint() {
    assertThat(CloudEnvironments.builtIn(CloudName.AZURE_PUBLIC_CLOUD, 8080).nmiEndpoint())
        .isEqualTo(URI.create("http://127.0.0.1:8080"));
  }

  @Test
  void loadsTheFileWithOurAdditions() throws IOException {
    Path file = dir.resolve("cloud.json");
    Files.writeString(file, localvaultFile(twoCas()));
    CloudEnvironment env =
        CloudEnvironments.resolve(
            new CloudSelection(CloudName.AZURE_STACK_CLOUD, Optional.of(file)), 2579);
    assertThat(env.name()).isEqualTo("LocalVault");
    assertThat(env.authorityHost()).isEqualTo(URI.create("https://login.localvault.test:8443/"));
    assertThat(env.vaultUrl("kv1")).isEqualTo("https://kv1.vault.localvault.test:8443");
    assertThat(env.vaultResource()).isEqualTo("https://vault.localvault.test");
    assertThat(env.vaultScope()).isEqualTo("https://vault.localvault.test/.default");
    assertThat(env.resourceManagerEndpoint())
        .hasValue(URI.create("https://management.localvault.test:8443/"));
    assertThat(env.graphEndpoint()).hasValue(URI.create("https://graph.localvault.test:8443/"));
    assertThat(env.microsoftGraphEndpoint())
        .hasValue(URI.create("https://graph.localvault.test:8443/"));
    assertThat(env.imdsEndpoint()).isEqualTo(URI.create("http://127.0.0.1:40001"));
    assertThat(env.nmiEndpoint()).isEqualTo(URI.create("http://127.0.0.1:40002"));
    assertThat(env.caCertificates())
        .extracting(c -> c.getSubjectX500Principal().getName())
        .containsExactly("CN=kvflex test CA 1", "CN=kvflex test CA 2");
    assertThat(env.toString()).contains("extraCaCertificates=2").doesNotContain("BEGIN");
  }

  @Test
  void minimalAzureStackFileUsesDefaults() {
    CloudEnvironment env =
        CloudEnvironmentFile.parse(
            Path.of("/etc/kubernetes/azurestackcloud.json"),
            """
            {"name":"AzureStackCloud","activeDirectoryEndpoint":"https://adfs.local.azurestack.external/adfs/",
             "keyVaultDNSSuffix":".vault.local.azurestack.external",
             "resourceIdentifiers":{"keyVault":"https://vault.local.azurestack.external/"}}
            """,
            3000);
    assertThat(env.authorityHost())
        .isEqualTo(URI.create("https://adfs.local.azurestack.external/adfs/"));
    assertThat(env.vaultUrl("v")).isEqualTo("https://v.vault.local.azurestack.external");
    assertThat(env.vaultScope()).isEqualTo("https://vault.local.azurestack.external/.default");
    assertThat(env.resourceManagerEndpoint()).isEmpty();
    assertThat(env.imdsEndpoint()).isEqualTo(URI.create("http://169.254.169.254"));
    assertThat(env.nmiEndpoint()).isEqualTo(URI.create("http://127.0.0.1:3000"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "missing name|{\"activeDirectoryEndpoint\":\"https://l/\",\"keyVaultDNSSuffix\":\"v\",\"resourceIdentifiers\":{\"keyVault\":\"https://v\"}}|cloud environment file /e/c.json: field name is missing; see README \"Cloud environment file\" for the required fields",
        "missing resource|{\"name\":\"x\",\"activeDirectoryEndpoint\":\"https://l/\",\"keyVaultDNSSuffix\":\"v\"}|cloud environment file /e/c.json: field resourceIdentifiers.keyVault is missing",
        "missing suffix|{\"name\":\"x\",\"activeDirectoryEndpoint\":\"https://l/\",\"resourceIdentifiers\":{\"keyVault\":\"https://v\"}}|field keyVaultDNSSuffix is missing",
        "missing authority|{\"name\":\"x\",\"keyVaultDNSSuffix\":\"v\",\"resourceIdentifiers\":{\"keyVault\":\"https://v\"}}|field activeDirectoryEndpoint is missing",
        "http authority|{\"name\":\"x\",\"activeDirectoryEndpoint\":\"http://l/\",\"keyVaultDNSSuffix\":\"v\",\"resourceIdentifiers\":{\"keyVault\":\"https://v\"}}|field activeDirectoryEndpoint must be an absolute https URL, not http://l/",
        "suffix with scheme|{\"name\":\"x\",\"activeDirectoryEndpoint\":\"https://l/\",\"keyVaultDNSSuffix\":\"https://vault.x\",\"resourceIdentifiers\":{\"keyVault\":\"https://v\"}}|field keyVaultDNSSuffix must be a host name with an optional :port",
        "name not string|{\"name\":3,\"activeDirectoryEndpoint\":\"https://l/\",\"keyVaultDNSSuffix\":\"v\",\"resourceIdentifiers\":{\"keyVault\":\"https://v\"}}|field name must be a string",
        "ids not object|{\"name\":\"x\",\"activeDirectoryEndpoint\":\"https://l/\",\"keyVaultDNSSuffix\":\"v\",\"resourceIdentifiers\":\"https://v\"}|field resourceIdentifiers must be a JSON object",
        "bad imds|{\"name\":\"x\",\"activeDirectoryEndpoint\":\"https://l/\",\"keyVaultDNSSuffix\":\"v\",\"resourceIdentifiers\":{\"keyVault\":\"https://v\"},\"kvflex\":{\"imdsEndpoint\":\"127.0.0.1:80\"}}|field kvflex.imdsEndpoint must be an absolute http(s) URL",
        "bad pem|{\"name\":\"x\",\"activeDirectoryEndpoint\":\"https://l/\",\"keyVaultDNSSuffix\":\"v\",\"resourceIdentifiers\":{\"keyVault\":\"https://v\"},\"kvflex\":{\"caCertificates\":\"not pem\"}}|cloud environment file /e/c.json: field kvflex.caCertificates holds no \"-----BEGIN CERTIFICATE-----\" block; give one or more PEM certificates in one string",
        "corrupt pem|{\"name\":\"x\",\"activeDirectoryEndpoint\":\"https://l/\",\"keyVaultDNSSuffix\":\"v\",\"resourceIdentifiers\":{\"keyVault\":\"https://v\"},\"kvflex\":{\"caCertificates\":\"-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\"}}|field kvflex.caCertificates certificate #1 is not a valid X.509 certificate",
        "not json|{name: x|cloud environment file /e/c.json is not valid JSON; fix its syntax (it must be one JSON object)",
        "array|[1]|cloud environment file /e/c.json is not a JSON object"
      })
  void invalidFilesNameFileAndField(String name, String json, String message) {
    assertThatThrownBy(() -> CloudEnvironmentFile.parse(Path.of("/e/c.json"), json, 2579))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining(message);
  }

  @Test
  void textAroundCertificatesIsRejected() throws IOException {
    String pem = twoCas();
    assertThat(PemCertificates.parse(pem + "garbage").error())
        .hasValue("has text that is not a PEM CERTIFICATE block after certificate #2");
    assertThat(PemCertificates.parse("junk\n" + pem).error())
        .hasValue("has text that is not a PEM CERTIFICATE block before certificate #1");
  }

  @Test
  void missingFileIsNamed() {
    Path file = dir.resolve("absent.json");
    assertThatThrownBy(
            () ->
                CloudEnvironments.resolve(
                    new CloudSelection(CloudName.AZURE_STACK_CLOUD, Optional.of(file)), 2579))
        .isInstanceOf(UserInputException.class)
        .hasMessage(
            "cloud environment file "
                + file
                + " does not exist on this node; create it on every node (see README \"Cloud environment"
                + " file\") or fix option cloudenvfilename");
  }
}
