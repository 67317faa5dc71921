package io.kvflex.options;

import static io.kvflex.options.OptionsFixtures.CLIENT_ID;
import static io.kvflex.options.OptionsFixtures.MOUNT_DIR;
import static io.kvflex.options.OptionsFixtures.SENTINEL_SECRET;
import static io.kvflex.options.OptionsFixtures.TENANT;
import static io.kvflex.options.OptionsFixtures.servicePrincipal;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OptionsParserTest {
  private final OptionsParser parser = new OptionsParser();

  private MountRequest ok(Map<String, String> options) {
    ParseResult r = parser.parse(options, Optional.of(Path.of(MOUNT_DIR)));
    assertThat(r.problems()).isEmpty();
    return r.request().orElseThrow();
  }

  @Test
  void servicePrincipalVolumeGetsDefaults() {
    MountRequest r = ok(servicePrincipal());
    assertThat(r.vaultName()).isEqualTo("myvault");
    assertThat(r.tenantId()).isEqualTo(TENANT);
    assertThat(r.cloud())
        .isEqualTo(new CloudSelection(CloudName.AZURE_PUBLIC_CLOUD, Optional.empty()));
    assertThat(r.identity())
        .isEqualTo(
            new IdentityMode.ServicePrincipalSecret(CLIENT_ID, Sensitive.ofUtf8(SENTINEL_SECRET)));
    assertThat(r.objects())
        .containsExactly(
            new VaultObjectSpec(
                ObjectType.SECRET,
                "db-password",
                Optional.empty(),
                "db-password",
                ObjectFormat.RAW),
            new VaultObjectSpec(
                ObjectType.SECRET, "api-key", Optional.empty(), "api-key", ObjectFormat.RAW));
    assertThat(r.fileMode()).isEqualTo(0644);
    assertThat(r.effectiveFileMode()).isEqualTo(0644);
    assertThat(r.fsGroup()).isEmpty();
    assertThat(r.tmpfsSizeBytes()).isEqualTo(16L * 1024 * 1024);
    assertThat(r.timeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(r.pod())
        .isEqualTo(new MountRequest.PodInfo("shop", "web-0", OptionsFixtures.POD_UID, "default"));
    assertThat(r.subscriptionId()).isEmpty();
    assertThat(r.resourceGroup()).isEmpty();
  }

  @Test
  void listsAreTrimmedAndCarryVersionsAliasesFormats() {
    Map<String, String> m = servicePrincipal();
    m.put("keyvaultobjectnames", " tls ; signing ;tls");
    m.put("keyvaultobjecttypes", "secret; KEY ;certificate");
    m.put("keyvaultobjectversions", "0123456789abcdef0123456789abcdef; ;");
    m.put("keyvaultobjectaliases", "tls/bundle.pem;;tls/cert.pem");
    m.put("keyvaultobjectformats", "pem;jwk;");
    MountRequest r = ok(m);
    assertThat(r.objects())
        .containsExactly(
            new VaultObjectSpec(
                ObjectType.SECRET,
                "tls",
                Optional.of("0123456789abcdef0123456789abcdef"),
                "tls/bundle.pem",
                ObjectFormat.PEM),
            new VaultObjectSpec(
                ObjectType.KEY, "signing", Optional.empty(), "signing", ObjectFormat.JWK),
            new VaultObjectSpec(
                ObjectType.CERT, "tls", Optional.empty(), "tls/cert.pem", ObjectFormat.PEM));
  }

  @Test
  void emptyOptionalListsMeanDefaultsForAll() {
    Map<String, String> m = servicePrincipal();
    m.put("keyvaultobjectversions", "");
    m.put("keyvaultobjectaliases", "  ");
    m.put("keyvaultobjectformats", "");
    m.put("resourcegroup", "");
    m.put("subscriptionid", "");
    assertThat(ok(m).objects())
        .extracting(VaultObjectSpec::fileName)
        .containsExactly("db-password", "api-key");
  }

  @Test
  void legacySingularFormsWorkWithAnInfo() {
    Map<String, String> m = servicePrincipal();
    m.remove("keyvaultobjectnames");
    m.remove("keyvaultobjecttypes");
    m.put("keyvaultobjectname", "cert1");
    m.put("keyvaultobjecttype", "cert");
    m.put("keyvaultobjectversion", "abc123");
    ParseResult r = parser.parse(m, Optional.empty());
    assertThat(r.request().orElseThrow().objects())
        .containsExactly(
            new VaultObjectSpec(
                ObjectType.CERT, "cert1", Optional.of("abc123"), "cert1", ObjectFormat.PEM));
    assertThat(r.warnings()).extracting(OptionProblem::ruleId).containsOnly("legacy-option");
    assertThat(r.warnings()).extracting(OptionProblem::severity).containsOnly(Severity.INFO);
    assertThat(r.warnings())
        .extracting(OptionProblem::option)
        .containsExactly("keyvaultobjectname", "keyvaultobjecttype", "keyvaultobjectversion");
  }

  @Test
  void pluralAndSingularWithTheSameValueAreFine() {
    Map<String, String> m = servicePrincipal();
    m.put("keyvaultobjectname", "db-password; api-key");
    assertThat(parser.parse(m, Optional.empty()).ok()).isTrue();
  }

  @Test
  void allProblemsAreReportedNotJustTheFirst() {
    Map<String, String> m = servicePrincipal();
    m.remove("tenantid");
    m.put("keyvaultname", "-bad");
    m.put("keyvaultobjecttypes", "secret;blob");
    m.put("filemode", "0200");
    ParseResult r = parser.parse(m, Optional.empty());
    assertThat(r.request()).isEmpty();
    assertThat(r.problems())
        .extracting(OptionProblem::ruleId)
        .containsExactlyInAnyOrder(
            "invalid-vault-name", "required-option", "invalid-object-type", "invalid-filemode");
  }

  @Test
  void settingsParse() {
    Map<String, String> m = servicePrincipal();
    m.put("filemode", "0440");
    m.put("tmpfssize", "1Mi");
    m.put("timeout", "1m30s");
    m.put("kubernetes.io/mounterArgs.FsGroup", "2000");
    m.put("subscriptionid", "AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE");
    m.put("resourcegroup", "my-rg_1");
    m.put("cloudname", "azurechinacloud");
    MountRequest r = ok(m);
    assertThat(r.fileMode()).isEqualTo(0440);
    assertThat(r.effectiveFileMode()).isEqualTo(0440);
    assertThat(r.tmpfsSizeBytes()).isEqualTo(1024 * 1024);
    assertThat(r.timeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(r.fsGroup()).hasValue(2000);
    assertThat(r.subscriptionId()).hasValue("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
    assertThat(r.resourceGroup()).hasValue("my-rg_1");
    assertThat(r.cloud().name()).isEqualTo(CloudName.AZURE_CHINA_CLOUD);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "30s, 30",
    "2m, 120",
    "1h, 3600",
    "1h30m, 5400",
    "2m30s, 150",
    "5s, 5",
    "45, 45",
    "24h, 86400",
    "1H, 3600"
  })
  void rotationPollIntervalParses(String text, long seconds) {
    Map<String, String> m = servicePrincipal();
    m.put("rotationpollinterval", text);
    MountRequest r = ok(m);
    assertThat(r.rotationPollInterval()).hasValue(Duration.ofSeconds(seconds));
    assertThat(r.rotates()).isTrue();
  }

  @Test
  void rotationIsOffWhenAbsentAndForPinnedObjects() {
    assertThat(ok(servicePrincipal()).rotationPollInterval()).isEmpty();
    assertThat(ok(servicePrincipal()).rotates()).isFalse();
    Map<String, String> m = servicePrincipal();
    m.put("rotationpollinterval", "1m");
    m.put("keyvaultobjectversions", "3f2a7c0e9b8d4e1f8a6b5c4d3e2f1a0b;");
    MountRequest partlyPinned = ok(m);
    assertThat(partlyPinned.rotates()).as("api-key follows the latest version").isTrue();
    m.put(
        "keyvaultobjectversions",
        "3f2a7c0e9b8d4e1f8a6b5c4d3e2f1a0b;0b1a2f3e4d5c6b7a8f1e4d8b9e0c7a2f");
    assertThat(ok(m).rotates()).isFalse();
  }

  @Test
  void fsGroupMakesFilesGroupReadable() {
    Map<String, String> m = servicePrincipal();
    m.put("filemode", "0600");
    m.put("kubernetes.io/fsGroup", "3000");
    MountRequest r = ok(m);
    assertThat(r.fsGroup()).hasValue(3000);
    assertThat(r.effectiveFileMode()).isEqualTo(0640);
  }

  @Test
  void sizesAndDurationsInAllSpellings() {
    for (var c :
        List.of(
            List.of("16m", "16777216"),
            List.of("16M", "16777216"),
            List.of("2048k", "2097152"),
            List.of("1g", "1073741824"),
            List.of("1Gi", "1073741824"),
            List.of("1048576", "1048576"))) {
      Map<String, String> m = servicePrincipal();
      m.put("tmpfssize", c.get(0));
      assertThat(ok(m).tmpfsSizeBytes()).as(c.get(0)).isEqualTo(Long.parseLong(c.get(1)));
    }
    for (var c :
        List.of(
            List.of("90", "90"),
            List.of("90s", "90"),
            List.of("2m", "120"),
            List.of("10m", "600"),
            List.of("5S", "5"))) {
      Map<String, String> m = servicePrincipal();
      m.put("timeout", c.get(0));
      assertThat(ok(m).timeout())
          .as(c.get(0))
          .isEqualTo(Duration.ofSeconds(Long.parseLong(c.get(1))));
    }
  }

  @Test
  void azureStackCloudCarriesItsFile() {
    Map<String, String> m = servicePrincipal();
    m.put("cloudname", "AzureStackCloud");
    m.put("cloudenvfilename", "/etc/kubernetes/azurestackcloud.json");
    assertThat(ok(m).cloud())
        .isEqualTo(
            new CloudSelection(
                CloudName.AZURE_STACK_CLOUD,
                Optional.of(Path.of("/etc/kubernetes/azurestackcloud.json"))));
  }

  @Test
  void adfsTenantIsAccepted() {
    Map<String, String> m = servicePrincipal();
    m.put("tenantid", "ADFS");
    assertThat(ok(m).tenantId()).isEqualTo("adfs");
  }

  @Test
  void unknownKeysWarnWithSuggestion() {
    Map<String, String> m = servicePrincipal();
    m.put("keyVaultObjectAlias", "a;b");
    m.put("something", "x");
    m.put("kubernetes.io/secret/unrelated", "!!notbase64");
    ParseResult r = parser.parse(m, Optional.empty());
    assertThat(r.ok()).isTrue();
    assertThat(r.warnings()).extracting(OptionProblem::ruleId).containsOnly("unknown-option");
    assertThat(r.warnings())
        .extracting(OptionProblem::message)
        .anySatisfy(
            msg ->
                assertThat(msg)
                    .contains("\"keyVaultObjectAlias\"")
                    .contains("did you mean keyvaultobjectaliases?"))
        .anySatisfy(msg -> assertThat(msg).contains("\"something\"").contains("README"));
  }

  @Test
  void misspeltRequiredOptionIsNamedInTheError() {
    Map<String, String> m = servicePrincipal();
    m.put("keyVaultName", m.remove("keyvaultname"));
    ParseResult r = parser.parse(m, Optional.empty());
    assertThat(r.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.ruleId()).isEqualTo("required-option");
              assertThat(p.message())
                  .contains("keyvaultname is required")
                  .contains("\"keyVaultName\": did you mean keyvaultname?");
            });
  }
}
