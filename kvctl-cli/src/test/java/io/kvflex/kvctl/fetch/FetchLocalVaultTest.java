package io.kvflex.kvctl.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.errors.ErrorKind;
import io.kvflex.kvctl.KvctlRunner;
import io.kvflex.localvault.LocalVault;
import io.kvflex.localvault.LocalVaultConfig;
import io.kvflex.localvault.seed.SeedLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kvctl fetch} in-process through the driver's engine against localvault: each outcome's
 * exit code is one that {@code kvctl fetch --help} lists.
 */
class FetchLocalVaultTest {
  static final String TENANT = "3c5e8a1f-2b7d-4e9a-b1c3-d5e7f9a1b3c5";
  static final String APP_ID = "0f3c2b1a-9d8e-4f7a-b6c5-d4e3f2a1b0c9";
  static final String CLIENT_SECRET = "fetch-test-client-secret";
  static final String VALUE = "s3cr3t-fetched-by-the-engine";

  @TempDir static Path dir;
  static LocalVault localVault;

  @BeforeAll
  static void start() throws Exception {
    String seed =
        """
        tenants:
          - id: %s
            name: contoso
        servicePrincipals:
          - name: orders-api
            clientId: %s
            objectId: 5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9
            clientSecret: %s
        vaults:
          - name: fetch-vault
            access:
              - identity: orders-api
                secrets: [get]
            secrets:
              - name: db-password
                versions:
                  - value: %s
        """
            .formatted(TENANT, APP_ID, CLIENT_SECRET, VALUE);
    localVault = LocalVault.start(LocalVaultConfig.of(SeedLoader.parse("fetch-seed.yaml", seed)));
    localVault.writeHostsFile(Path.of(System.getProperty("kvctl.testHosts", "target/test-hosts")));
    localVault.writeCloudEnvironment(dir.resolve("localvault.json"));
    Files.writeString(
        dir.resolve("pod.yaml"),
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
                  keyvaultname: fetch-vault
                  tenantid: %s
                  keyvaultobjectnames: db-password;missing
                  keyvaultobjecttypes: secret;secret
        """
            .formatted(TENANT));
    Files.writeString(
        dir.resolve("one.yaml"),
        Files.readString(dir.resolve("pod.yaml"))
            .replace("db-password;missing", "db-password")
            .replace("secret;secret", "secret"));
    Files.writeString(
        dir.resolve("kvcreds.yaml"),
        "apiVersion: v1\nkind: Secret\nmetadata: {name: kvcreds}\ntype: azure/kv\n"
            + "stringData: {clientid: \""
            + APP_ID
            + "\", clientsecret: \""
            + CLIENT_SECRET
            + "\"}\n");
  }

  @AfterAll
  static void stop() {
    localVault.close();
  }

  private KvctlRunner.Result fetch(String manifest, String... more) {
    String[] args =
        java.util.stream.Stream.concat(
                java.util.stream.Stream.of(
                    "fetch",
                    "-f",
                    manifest,
                    "--secret-file",
                    "kvcreds.yaml",
                    "--cloud-env",
                    "localvault.json"),
                java.util.stream.Stream.of(more))
            .toArray(String[]::new);
    return new KvctlRunner().in(dir).run(args);
  }

  @Test
  void everyObjectIsReportedAndAVaultFailureExits3() {
    KvctlRunner.Result r = fetch("pod.yaml");

    assertThat(r.exit()).as(r.err()).isEqualTo(3);
    assertThat(r.out()).contains("db-password").contains("FAILED").doesNotContain(VALUE);
    assertThat(r.err())
        .contains("kvctl fetch: cannot fetch secret/missing (latest) from Key Vault 'fetch-vault'")
        .doesNotContain(CLIENT_SECRET);
  }

  @Test
  void anOutDirectoryThatCannotBeCreatedIsALocalWriteFailureExit4() throws Exception {
    Files.writeString(dir.resolve("a-file"), "not a directory");

    KvctlRunner.Result r = fetch("one.yaml", "--out", "a-file/files");

    assertThat(r.exit()).as(r.err()).isEqualTo(4);
    assertThat(r.err()).contains("cannot create --out directory");
    assertThat(new KvctlRunner().run("fetch", "--help").out())
        .containsPattern("(?m)^ +4 +" + Pattern.quote(ErrorKind.LOCAL_WRITE.meaning()));
  }

  @Test
  void theFilesAreWrittenWithTheDriversWriter() throws Exception {
    KvctlRunner.Result r = fetch("one.yaml", "--out", "files");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(Files.readString(dir.resolve("files/db-password"))).isEqualTo(VALUE);
  }
}
