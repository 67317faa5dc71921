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

  private static int deadPort() throws java.io.IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** As the driver does: HTTPS_PROXY carries the vault calls, NO_PROXY sends them direct. */
  @Test
  void httpsProxyIsHonouredLikeTheDriverAndNoProxyBypassesIt() throws Exception {
    String proxy = "http://127.0.0.1:" + deadPort();
    String[] args = {
      "fetch", "-f", "one.yaml", "--secret-file", "kvcreds.yaml", "--cloud-env", "localvault.json"
    };

    KvctlRunner.Result viaProxy = new KvctlRunner().in(dir).env("HTTPS_PROXY", proxy).run(args);

    assertThat(viaProxy.exit()).as(viaProxy.err()).isEqualTo(3);
    assertThat(viaProxy.err()).contains("the proxy " + proxy + " (HTTPS_PROXY) cannot be reached");

    KvctlRunner.Result bypassed =
        new KvctlRunner()
            .in(dir)
            .env("https_proxy", proxy)
            .env("NO_PROXY", ".localvault.test")
            .run(args);

    assertThat(bypassed.exit()).as(bypassed.err()).isZero();
  }

  /**
   * The quick check runs exactly when the driver would connect directly: a stopped vault behind
   * NO_PROXY is named at once, while behind the proxy it is the proxy that answers for it.
   */
  @Test
  void theQuickCheckFollowsTheDriversProxyChoice() throws Exception {
    int stopped = deadPort();
    Files.writeString(
        dir.resolve("stopped.json"),
        Files.readString(dir.resolve("localvault.json"))
            .replaceAll(
                "(\"keyVaultDNSSuffix\"\\s*:\\s*\"vault\\.localvault\\.test:)\\d+",
                "$1" + stopped));
    String proxy = "http://127.0.0.1:" + deadPort();
    String[] args = {
      "fetch", "-f", "one.yaml", "--secret-file", "kvcreds.yaml", "--cloud-env", "stopped.json"
    };

    KvctlRunner.Result direct =
        new KvctlRunner()
            .in(dir)
            .env("HTTPS_PROXY", proxy)
            .env("NO_PROXY", "localvault.test")
            .run(args);

    assertThat(direct.exit()).isEqualTo(3);
    assertThat(direct.err())
        .contains(
            "cannot fetch from vault fetch-vault: nothing answers at"
                + " fetch-vault.vault.localvault.test:"
                + stopped
                + " (connection refused): is the server running? For localvault start kvctl"
                + " vault serve");

    KvctlRunner.Result proxied = new KvctlRunner().in(dir).env("HTTPS_PROXY", proxy).run(args);

    assertThat(proxied.exit()).isEqualTo(3);
    assertThat(proxied.err())
        .contains("the proxy " + proxy + " (HTTPS_PROXY) cannot be reached")
        .doesNotContain("nothing answers at");
  }

  @Test
  void aBadProxyVariableIsAUsageErrorBeforeAnyCall() {
    KvctlRunner.Result r =
        new KvctlRunner()
            .in(dir)
            .env("HTTPS_PROXY", "http://[not-a-url")
            .run("fetch", "-f", "one.yaml", "--secret-file", "kvcreds.yaml");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("HTTPS_PROXY").doesNotContain("not-a-url");
    assertThat(r.out()).isEmpty();
  }
}
