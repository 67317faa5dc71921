package io.kvflex.localvault.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedLoaderTest {

  @Test
  void demoSeedHasEverythingTheDemoNeeds() {
    Seed s = SeedLoader.demo();
    assertThat(s.vaults())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.name()).isEqualTo("demo-vault");
              assertThat(v.secrets()).isNotEmpty();
              assertThat(v.keys()).extracting(KeySpec::kind).contains(KeyKind.RSA, KeyKind.EC);
              assertThat(v.certificates())
                  .extracting(CertificateSpec::contentType)
                  .contains(CertificateSpec.PKCS12, CertificateSpec.PEM);
              assertThat(v.certificates()).allMatch(CertificateSpec::chain);
            });
    assertThat(s.servicePrincipals()).anyMatch(sp -> sp.clientSecret().isPresent());
    assertThat(s.managedIdentities()).anyMatch(ManagedIdentitySpec::systemAssigned);
    assertThat(s.podIdentities()).isNotEmpty();
  }

  @Test
  void exampleSeedIsValid() {
    Seed s = SeedLoader.load(Path.of("examples/seed.yaml"));
    assertThat(s.vaults()).isNotEmpty();
  }

  @Test
  void derivesStableIdsAndDefaultTenant() {
    Seed a = SeedLoader.parse("a.yaml", "servicePrincipals:\n  - name: app\n    clientSecret: x\n");
    Seed b = SeedLoader.parse("b.yaml", "servicePrincipals:\n  - name: app\n    clientSecret: x\n");
    assertThat(a.servicePrincipals().get(0).clientId())
        .isEqualTo(b.servicePrincipals().get(0).clientId())
        .matches("[0-9a-f-]{36}");
    assertThat(a.tenants()).hasSize(1);
  }

  @Test
  void errorsNameFileAndLine() {
    assertError(
        "vaults:\n  - name: ok-vault\n    secretz: []\n",
        "s.yaml:3: vaults[0]: unknown key 'secretz'");
    assertError("vaults:\n  - name: x\n", "s.yaml:2: vaults[0].name: vault name 'x' is invalid");
    assertError(
        "vaults:\n  - name: vault-a\n    access:\n      - identity: nobody\n",
        "s.yaml:4: vaults[0].access[0].identity: no service principal or managed identity named 'nobody'");
    assertError(
        "vaults:\n  - name: vault-a\n    keys:\n      - name: k\n        type: DSA\n",
        "s.yaml:5: vaults[0].keys[0].type: must be RSA, RSA-HSM, EC or EC-HSM");
    assertError(
        "vaults:\n  - name: vault-a\n    secrets:\n      - name: s\n        value: a\n      - name: s\n        value: b\n",
        "s.yaml:6: vaults[0].secrets[1]: a secret named 's' already exists");
    assertError(
        "vaults:\n  - name: vault-a\n    certificates:\n      - name: c\n        contentType: text/plain\n",
        "s.yaml:5: vaults[0].certificates[0].contentType: must be application/x-pkcs12 or application/x-pem-file");
    assertError(
        "servicePrincipals:\n  - name: app\n",
        "s.yaml:2: servicePrincipals[0]: service principal 'app' has no credential");
    assertError(
        "faults:\n  throttleRate: 3\n",
        "s.yaml:2: faults.throttleRate: must be between 0.0 and 1.0");
    assertError("vaults: [\n", "s.yaml: not valid YAML");
    assertError("", "s.yaml:1: the seed file is empty");
    assertError(
        "vaults:\n  - name: vault-a\n    access:\n      - identity: app\n        secrets: [get, fly]\nservicePrincipals:\n  - name: app\n    clientSecret: x\n",
        "s.yaml:5: vaults[0].access[0].secrets: unknown secrets permission 'fly'");
  }

  @Test
  void hsmKeyTypesKeepTheirKind() {
    VaultSpec v =
        SeedLoader.parse(
                "s.yaml",
                "vaults:\n  - name: vault-a\n    keys:\n      - {name: a, type: rsa-hsm}\n"
                    + "      - {name: b, type: EC-HSM, curve: P-384}\n    certificates:\n"
                    + "      - {name: c, keyType: EC-HSM}\n")
            .vaults()
            .get(0);
    assertThat(v.keys()).extracting(KeySpec::kind).containsExactly(KeyKind.RSA_HSM, KeyKind.EC_HSM);
    assertThat(v.certificates().get(0).kind()).isEqualTo(KeyKind.EC_HSM);
  }

  @Test
  void pkcs12EncryptionIsLegacyUnlessModernIsAsked() {
    VaultSpec v =
        SeedLoader.parse(
                "s.yaml",
                "vaults:\n  - name: vault-a\n    certificates:\n      - {name: a}\n"
                    + "      - {name: b, pkcs12: modern}\n")
            .vaults()
            .get(0);
    assertThat(v.certificates())
        .extracting(CertificateSpec::pkcs12Encryption)
        .containsExactly(Pkcs12Encryption.LEGACY, Pkcs12Encryption.MODERN);
    assertError(
        "vaults:\n  - name: vault-a\n    certificates:\n      - name: c\n        pkcs12: strong\n",
        "s.yaml:5: vaults[0].certificates[0].pkcs12: must be 'legacy'");
    assertError(
        "vaults:\n  - name: vault-a\n    certificates:\n      - name: c\n"
            + "        contentType: application/x-pem-file\n        pkcs12: modern\n",
        "s.yaml:6: vaults[0].certificates[0].pkcs12: 'pkcs12' applies only to contentType"
            + " application/x-pkcs12");
  }

  @Test
  void pagingDefaultsToVaryingSizesSeededByTheVaultName() {
    Seed s =
        SeedLoader.parse(
            "s.yaml",
            "vaults:\n  - name: vault-a\n  - name: vault-b\n    paging: {sizes: [0, 4]}\n"
                + "  - name: vault-c\n    paging: {seed: 42}\n");
    PagingSpec a = s.vaults().get(0).paging();
    assertThat(a).isEqualTo(PagingSpec.defaultFor("vault-a"));
    assertThat(java.util.stream.IntStream.range(0, 200).map(a::pageSize))
        .allMatch(n -> n >= 17 && n <= 25);
    assertThat(java.util.stream.IntStream.range(0, 200).map(a::pageSize).distinct().count())
        .as("sizes vary")
        .isGreaterThan(3);
    PagingSpec b = s.vaults().get(1).paging();
    assertThat(java.util.List.of(b.pageSize(0), b.pageSize(1), b.pageSize(2)))
        .containsExactly(0, 4, 0);
    assertThat(s.vaults().get(2).paging()).isEqualTo(PagingSpec.varying(42));
    assertError(
        "vaults:\n  - name: vault-a\n    paging:\n      sizes: [0, 0]\n",
        "s.yaml:4: vaults[0].paging.sizes: at least one page size must be above 0");
    assertError(
        "vaults:\n  - name: vault-a\n    paging:\n      sizes: [26]\n",
        "s.yaml:4: vaults[0].paging.sizes[0]:");
    assertError(
        "vaults:\n  - name: vault-a\n    paging: {seed: 1, sizes: [3]}\n",
        "s.yaml:3: vaults[0].paging: give either 'seed'");
  }

  @Test
  void missingFileIsReported(@TempDir Path dir) {
    assertThatThrownBy(() -> SeedLoader.load(dir.resolve("nope.yaml")))
        .isInstanceOf(SeedException.class)
        .hasMessageContaining("nope.yaml: cannot read seed file");
  }

  @Test
  void secretValuesNeverShowInToString(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("s.yaml");
    Files.writeString(
        f,
        "servicePrincipals:\n  - name: app\n    clientSecret: top-secret-client\n"
            + "vaults:\n  - name: vault-a\n    secrets:\n      - name: s\n        value: top-secret-value\n");
    Seed s = SeedLoader.load(f);
    assertThat(s.toString())
        .doesNotContain("top-secret-client", "top-secret-value")
        .contains("***");
  }

  private static void assertError(String yaml, String expectedPrefix) {
    assertThatThrownBy(() -> SeedLoader.parse("s.yaml", yaml))
        .isInstanceOf(SeedException.class)
        .hasMessageStartingWith(expectedPrefix);
  }
}
