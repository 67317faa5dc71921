package io.kvflex.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.localvault.LocalVaultConfig;
import io.kvflex.localvault.seed.ServicePrincipalSpec;
import io.kvflex.testsupport.ProcessRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kvctl vault serve} in its own process, and {@code kvctl fetch} against it in others: the
 * README's "try it on your own manifests" path, end to end, with the example that uses every
 * format.
 */
class VaultServeAndFetchIT {
  private static final String PASSWORD = "correct-horse-battery-staple";

  @TempDir static Path dir;
  private static Process server;
  private static Path serverOut;
  private static Path serverErr;
  private static List<String> hostsProperty;

  @BeforeAll
  static void serve() throws Exception {
    serverOut = dir.resolve("serve.out");
    serverErr = dir.resolve("serve.err");
    server =
        new ProcessBuilder(
                Kvctl.argv(
                    List.of(),
                    "vault",
                    "serve",
                    "--env-out",
                    dir.resolve("cloud-env.json").toString(),
                    "--hosts-out",
                    dir.resolve("hosts").toString()))
            .redirectOutput(serverOut.toFile())
            .redirectError(serverErr.toFile())
            .start();
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (!Files.readString(serverOut).contains("export KVFLEX_HOSTS_FILE=")) {
      assertThat(server.isAlive()).as("vault serve died: " + Files.readString(serverErr)).isTrue();
      assertThat(Instant.now()).as("vault serve is not ready").isBefore(deadline);
      Thread.sleep(200);
    }
    hostsProperty = List.of("-Djdk.net.hosts.file=" + dir.resolve("hosts"));
    ServicePrincipalSpec app =
        LocalVaultConfig.demo().seed().servicePrincipals().stream()
            .filter(sp -> sp.name().equals("demo-app"))
            .findFirst()
            .orElseThrow();
    secret("kvcreds.yaml", app.clientId(), app.clientSecret().orElseThrow().reveal());
    secret("wrong.yaml", app.clientId(), "not-the-secret");
    String example =
        Files.readString(Kvctl.ROOT.resolve("deployment/examples/nginx-flex-kv-all-formats.yaml"))
            .replaceAll("(?m)^(\\s*keyvaultname:).*$", "$1 demo-vault")
            .replaceAll("(?m)^(\\s*tenantid:).*$", "$1 72f988bf-86f1-41af-91ab-2d7cd0110001");
    Files.writeString(dir.resolve("pod.yaml"), example);
  }

  private static void secret(String file, String id, String secret) throws Exception {
    Files.writeString(
        dir.resolve(file),
        "apiVersion: v1\nkind: Secret\nmetadata: {name: kvcreds}\ntype: azure/kv\n"
            + "stringData: {clientid: \""
            + id
            + "\", clientsecret: \""
            + secret
            + "\"}\n",
        StandardCharsets.UTF_8);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.destroy();
      server.waitFor();
    }
  }

  private ProcessRun fetch(String secretFile, String... more) throws Exception {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "fetch",
                "-f",
                "pod.yaml",
                "--secret-file",
                secretFile,
                "--cloud-env",
                dir.resolve("cloud-env.json").toString()));
    args.addAll(List.of(more));
    return Kvctl.run(dir, hostsProperty, args.toArray(String[]::new));
  }

  @Test
  void dryRunPrintsEveryFileWithoutItsValue() throws Exception {
    ProcessRun r = fetch("kvcreds.yaml");

    assertThat(r.exitCode()).as(r.describe()).isZero();
    // Progress is a live status line on a terminal only; a pipe's stderr stays empty.
    assertThat(r.stderr()).isEmpty();
    List<String> lines = r.stdout().lines().toList();
    assertThat(lines.get(0))
        .isEqualTo(
            "Pod default/nginx-flex-kv-all-formats volume kv: vault demo-vault as service principal"
                + " 0d1f3a5e-7b9c-4e2f-8a1b-3c5d7e9f1a2b (client secret) (dry run, nothing written)");
    assertThat(lines.get(1)).matches("FILE +OBJECT +VERSION +FORMAT +SIZE +MODE +SHA-256");
    assertThat(lines).hasSize(16);
    assertThat(lines.get(2))
        .matches(
            "db-password\\.txt +secret/db-password +[0-9a-f]{12} +raw +28 +0644 +[0-9a-f]{12}");
    assertThat(lines.get(15))
        .matches("web-tls\\.der +cert/web-tls +[0-9a-f]{12} +der +\\d+ +0644 .*");
    assertThat(r.stdout()).doesNotContain(PASSWORD).doesNotContain("FAILED");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("db-password.txt");
    }
  }

  @Test
  void showValuesJsonAndOut() throws Exception {
    ProcessRun values = fetch("kvcreds.yaml", "--show-values");
    ProcessRun json = fetch("kvcreds.yaml", "-o", "json");
    ProcessRun out = fetch("kvcreds.yaml", "--output-dir", "files");

    assertThat(values.exitCode()).isZero();
    assertThat(values.stdout())
        .contains("==> db-password.txt <==\n" + PASSWORD + "\n")
        .contains("==> web-tls.pfx (binary, shown as base64) <==\n")
        .contains("==> signing-ec.pub.pem <==\n-----BEGIN PUBLIC KEY-----\n");
    assertThat(json.exitCode()).isZero();
    assertThat(json.stdout())
        .startsWith("{\"schemaVersion\":1,\"tool\":{\"name\":\"kvctl\",\"version\":")
        .contains(
            "\"volumes\":[{\"kind\":\"Pod\",\"namespace\":\"default\",\"name\":\"nginx-flex-kv-all-formats\"")
        .contains("\"summary\":{\"volumes\":1,\"files\":")
        .contains("\"path\":\"web-tls.der\",\"type\":\"cert\",\"name\":\"web-tls\"")
        .doesNotContain(PASSWORD);
    assertThat(out.exitCode()).as(out.describe()).isZero();
    assertThat(out.stdout()).contains("(written to files)");
    assertThat(Files.readString(dir.resolve("files/db-password.txt"))).isEqualTo(PASSWORD);
    assertThat(Files.isSymbolicLink(dir.resolve("files/..data"))).isTrue();
  }

  @Test
  void aWrongClientSecretIsAVaultFailureWithExit3() throws Exception {
    ProcessRun r = fetch("wrong.yaml");

    assertThat(r.exitCode()).as(r.describe()).isEqualTo(3);
    assertThat(r.stderr())
        .contains(
            "kvctl fetch: cannot fetch secret/db-password (latest) from Key Vault 'demo-vault'")
        .doesNotContain("not-the-secret");
    assertThat(r.stdout()).contains("FAILED");
  }

  @Test
  void theServerLogsRequestsButNeverValues() throws Exception {
    assertThat(fetch("kvcreds.yaml").exitCode()).isZero();

    String log = Files.readString(serverErr);
    assertThat(log).contains("GET demo-vault.vault.localvault.test /secrets/db-password");
    assertThat(log).doesNotContain(PASSWORD).doesNotContain("demo-client-secret");
  }
}
