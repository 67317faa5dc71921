package io.kvflex.kvctl.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.kvctl.KvctlRunner;
import io.kvflex.kvctl.cli.TimeoutConverter;
import io.kvflex.localvault.LocalVault;
import io.kvflex.localvault.LocalVaultConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kvctl fetch} paths that stop before the vault: inputs, selection, option findings. */
class FetchCommandTest {
  @TempDir Path dir;

  private static final String POD =
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: web}
      spec:
        containers: [{name: c, image: nginx}]
        volumes:
          - name: kv
            flexVolume:
              driver: azure/kv
              secretRef: {name: kvcreds}
              options:
                keyvaultname: contoso-kv
                tenantid: 6c1a3b2d-8e4f-4a5b-9c6d-7e8f9a0b1c2d
                keyvaultobjectnames: a;b
                keyvaultobjecttypes: secret
      """;

  /** kvctl in the test directory with AZURE_CLIENT_ID/AZURE_CLIENT_SECRET set. */
  private KvctlRunner withEnvCredentials() {
    return new KvctlRunner()
        .in(dir)
        .env("AZURE_CLIENT_ID", "0d1f3a5e-7b9c-4e2f-8a1b-3c5d7e9f1a2b")
        .env("AZURE_CLIENT_SECRET", "s3cret-from-env");
  }

  private KvctlRunner.Result fetch(String... args) {
    return new KvctlRunner().in(dir).run(args);
  }

  @Test
  void optionFindingsAreReportedWithTheDriversMessagesAndExit1() throws Exception {
    Files.writeString(dir.resolve("pod.yaml"), POD);

    KvctlRunner.Result r = withEnvCredentials().run("fetch", "-f", "pod.yaml");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .startsWith("kvctl fetch: Pod default/web volume kv: ")
        .contains("keyvaultobjecttypes")
        .doesNotContain("s3cret-from-env");
  }

  @Test
  void aMissingSecretSaysHowToProvideIt() throws Exception {
    Files.writeString(dir.resolve("pod.yaml"), POD);

    KvctlRunner.Result r = fetch("fetch", "-f", "pod.yaml");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains(
            "kvctl: volume kv uses secretRef kvcreds, but no Secret default/kvcreds was given;"
                + " pass the Secret manifest (--secret-file)");
  }

  @Test
  void anUnreadableManifestExits3() {
    KvctlRunner.Result r = fetch("fetch", "-f", "nope.yaml");

    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("cannot read nope.yaml");
  }

  @Test
  void anUnknownVolumeListsTheVolumesThereAre() throws Exception {
    Files.writeString(dir.resolve("pod.yaml"), POD);

    KvctlRunner.Result r = fetch("fetch", "-f", "pod.yaml", "--volume", "other");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains(
            "no azure/kv volume matches --volume other; the manifests have: Pod web volume kv");
  }

  /** A pod reading {@code vault} in {@code tenant}, with a secretRef the test may override. */
  private static String podFor(String vault, String tenant) {
    return POD.replace("contoso-kv", vault)
        .replace("6c1a3b2d-8e4f-4a5b-9c6d-7e8f9a0b1c2d", tenant)
        .replace("keyvaultobjectnames: a;b", "keyvaultobjectnames: db-password");
  }

  @Test
  void identityReplacesTheManifestsSecretRefAndAStoppedServerIsNamedAsTheCause() throws Exception {
    LocalVault vault = LocalVault.start(LocalVaultConfig.demo());
    String name = vault.vaultNames().get(0);
    vault.writeCloudEnvironment(dir.resolve("env.json"));
    vault.writeHostsFile(Path.of(System.getProperty("kvctl.testHosts", "target/test-hosts")));
    Files.writeString(dir.resolve("pod.yaml"), podFor(name, vault.tenantId()));
    vault.close();

    KvctlRunner.Result r =
        fetch(
            "fetch",
            "-f",
            "pod.yaml",
            "--identity",
            "vm",
            "--cloud-env",
            "env.json",
            "--timeout",
            "20s");

    // Not exit 2 ("no Secret kvcreds was given"): --identity vm replaced the service principal.
    assertThat(r.exit()).as(r.err()).isEqualTo(3);
    assertThat(r.err())
        .startsWith("kvctl fetch: Pod default/web volume kv: cannot fetch from vault ")
        .contains(
            "(connection refused): is the server running? For localvault start kvctl vault serve")
        .doesNotContain("kvcreds");
    assertThat(r.err().lines()).as("one line for the volume, not one per object").hasSize(1);
    assertThat(r.out()).contains("as VM managed identity").contains("FAILED");
  }

  @Test
  void anUnresolvableVaultHostNamesTheHostsFile() throws Exception {
    try (LocalVault vault = LocalVault.start(LocalVaultConfig.demo())) {
      vault.writeCloudEnvironment(dir.resolve("env.json"));
      Files.writeString(dir.resolve("pod.yaml"), podFor("not-served", vault.tenantId()));

      KvctlRunner.Result r =
          fetch("fetch", "-f", "pod.yaml", "--identity", "pod", "--cloud-env", "env.json");

      assertThat(r.exit()).isEqualTo(3);
      assertThat(r.err())
          .contains(
              "cannot be resolved (DNS): KVFLEX_HOSTS_FILE is not set; for localvault,"
                  + " export KVFLEX_HOSTS_FILE=");
    }
  }

  @Test
  void jsonOutputCarriesTheSchemaVersionEvenWhenEmpty() throws Exception {
    Files.writeString(dir.resolve("pod.yaml"), POD);
    KvctlRunner.Result r = withEnvCredentials().run("fetch", "-f", "pod.yaml", "-o", "json");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .startsWith("{\"schemaVersion\":1,\"tool\":{\"name\":\"kvctl\"")
        .endsWith("\"volumes\":[],\"summary\":{\"volumes\":0,\"files\":0,\"failed\":0}}\n");
  }

  @Test
  void timeoutIsBoundedAndNamed() {
    KvctlRunner.Result r = fetch("fetch", "-f", "pod.yaml", "--timeout", "2s");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .startsWith(
            "kvctl fetch: invalid value for option '--timeout': '2s' is not a duration from 5s to"
                + " 10m");
    assertThat(new TimeoutConverter().convert("1m30s")).hasSeconds(90);
    assertThat(new TimeoutConverter().convert("45")).hasSeconds(45);
  }

  @Test
  void oldSpellingsStillWorkWithANote() throws Exception {
    Files.writeString(dir.resolve("pod.yaml"), POD);
    KvctlRunner.Result r =
        withEnvCredentials().run("fetch", "-f", "pod.yaml", "--format", "json", "--out", "files");
    assertThat(r.out()).startsWith("{\"schemaVersion\":1");
    assertThat(r.err())
        .contains(
            "kvctl fetch: note: --format is deprecated and will be removed in the next release; use -o/--output")
        .contains(
            "kvctl fetch: note: --out is deprecated and will be removed in the next release; use --output-dir");
  }

  @Test
  void usageErrorsExit2() {
    assertThat(fetch("fetch").exit()).isEqualTo(2);
    assertThat(fetch("fetch", "-f", "x", "-o", "xml").err())
        .contains(
            "kvctl fetch: invalid value for option '--output': expected one of [table, json]");
  }
}
