package io.kvflex.kvctl.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.kvctl.KvctlCommand;
import io.kvflex.kvctl.cli.CliContext;
import io.kvflex.localvault.LocalVault;
import io.kvflex.localvault.LocalVaultConfig;
import io.kvflex.localvault.seed.Seed;
import io.kvflex.localvault.seed.SeedLoader;
import io.kvflex.localvault.seed.ServicePrincipalSpec;
import io.kvflex.testsupport.CapturedStreams;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kvctl check-access} as a user runs it against localvault: the root command, the cloud
 * environment file, the caller's service principal in the environment, HTTPS_PROXY/NO_PROXY, and
 * every input checked before the first call.
 */
class LocalCheckAccessTest {
  static final String SEED =
      """
      servicePrincipals:
        - name: auditor
          clientSecret: auditor-secret
        - name: app
          clientSecret: app-secret
        - name: other-app
          clientSecret: other-app-secret
      arm:
        roleAssignments:
          - principal: auditor
            role: Reader
            scope: root
      vaults:
        - name: local-kv
          access:
            - identity: app
              secrets: [get]
          secrets:
            - name: db-password
              value: local-db-password-value
      """;

  @TempDir static Path dir;
  static Seed seed;
  static LocalVault lv;
  static Path env;

  final CapturedStreams streams = new CapturedStreams();

  @BeforeAll
  static void start() throws IOException {
    seed = SeedLoader.parse("local.yaml", SEED);
    lv = LocalVault.start(LocalVaultConfig.of(seed));
    TestHosts.add(lv.hostNames());
    env = dir.resolve("localvault.json");
    lv.writeCloudEnvironment(env);
  }

  @AfterAll
  static void stop() {
    lv.close();
  }

  @BeforeEach
  void clear() {
    streams.reset();
  }

  @Test
  void oneIdentityIsAllowedAndAnotherRefusedWithTheCommandThatFixesIt() {
    assertThat(check(callerEnv(), "app")).isZero();
    assertThat(stdout())
        .contains("local-kv (access policies)")
        .contains("secret/db-password  allowed")
        .contains("0 denied");

    assertThat(check(callerEnv(), "other-app")).isEqualTo(1);
    assertThat(stdout())
        .contains("secret/db-password  denied")
        .contains(
            "fix:      az keyvault set-policy --name local-kv --resource-group localvault"
                + " --subscription 00000000-0000-0000-0000-000000000000 --object-id "
                + sp("other-app").objectId()
                + " --secret-permissions get")
        .doesNotContain("local-db-password-value")
        .doesNotContain("auditor-secret");
  }

  @Test
  void badInputsAreUsageErrorsBeforeAnyCallWithLintsWords() {
    int code =
        run(
            Map.of(),
            "check-access",
            "--cloud-env",
            env.toString(),
            "--vault",
            "demo_vault",
            "--object",
            "secret/a",
            "--client-id",
            "notaguid");
    assertThat(code).isEqualTo(2);
    assertThat(stderr())
        .contains(
            "--vault \"demo_vault\" is not a Key Vault name: use 3-24 letters, digits and '-'")
        .contains("[invalid-vault-name]")
        .contains("the client id \"notaguid\" is not a GUID");
    assertThat(run(Map.of("AZURE_CLIENT_ID", sp("auditor").clientId()), args("app"))).isEqualTo(2);
    assertThat(stderr()).contains("half set").contains("AZURE_TENANT_ID");
  }

  @Test
  void httpsProxyIsHonouredAndNoProxyBypassesIt() throws IOException {
    int deadPort;
    try (ServerSocket s = new ServerSocket(0)) {
      deadPort = s.getLocalPort();
    }
    Map<String, String> proxied = new HashMap<>(callerEnv());
    proxied.put("HTTPS_PROXY", "http://127.0.0.1:" + deadPort);
    assertThat(check(proxied, "app")).isEqualTo(3);
    assertThat(stderr())
        .contains("the proxy http://127.0.0.1:" + deadPort + " (HTTPS_PROXY) cannot be reached");

    streams.reset();
    proxied.put("NO_PROXY", ".localvault.test");
    assertThat(check(proxied, "app")).isZero();
  }

  @Test
  void anUnreachableAuthorityIsNamedWithItsLikelyCause() throws IOException {
    int deadPort;
    try (ServerSocket s = new ServerSocket(0)) {
      deadPort = s.getLocalPort();
    }
    Path broken = dir.resolve("broken.json");
    Files.writeString(
        broken,
        Files.readString(env)
            .replaceAll(
                "\"activeDirectoryEndpoint\"\\s*:\\s*\"[^\"]+\"",
                "\"activeDirectoryEndpoint\": \"https://127.0.0.1:" + deadPort + "/\""));
    int code =
        run(
            callerEnv(),
            "check-access",
            "--cloud-env",
            broken.toString(),
            "--vault",
            "local-kv",
            "--object",
            "secret/db-password",
            "--client-id",
            sp("app").clientId());
    assertThat(code).isEqualTo(3);
    assertThat(stderr())
        .contains("could not get a token for the caller to call")
        .contains("service principal " + sp("auditor").clientId())
        .contains(
            "nothing answers at 127.0.0.1:"
                + deadPort
                + ": is the server running? For localvault start kvctl vault serve and use the"
                + " cloud environment file it writes (its ports change at every start)")
        .contains("not the pod's identity")
        .doesNotContain("auditor-secret")
        .doesNotContain("vmmanagedidentityclientid");
  }

  @Test
  void anAuthorityThatDoesNotResolveNamesTheHostsFile() throws IOException {
    // The test JVM resolves through a hosts file that does not list this name, as a shell
    // without KVFLEX_HOSTS_FILE would not know localvault's names.
    Path unlisted = dir.resolve("unlisted.json");
    Files.writeString(
        unlisted,
        Files.readString(env)
            .replaceAll(
                "\"activeDirectoryEndpoint\"\\s*:\\s*\"https://[^:/\"]+",
                "\"activeDirectoryEndpoint\": \"https://login.unlisted.test"));
    String[] args =
        List.of(
                "check-access",
                "--cloud-env",
                unlisted.toString(),
                "--vault",
                "local-kv",
                "--object",
                "secret/db-password",
                "--client-id",
                sp("app").clientId(),
                "--timeout",
                "30s")
            .toArray(String[]::new);

    assertThat(run(callerEnv(), args)).isEqualTo(3);
    assertThat(stderr())
        .contains("could not get a token for the caller to call")
        .contains("the host name login.unlisted.test:")
        .contains(
            "does not resolve: KVFLEX_HOSTS_FILE is not set; for localvault, export"
                + " KVFLEX_HOSTS_FILE=<the hosts file kvctl vault serve printed>");

    streams.reset();
    Map<String, String> withHosts = new HashMap<>(callerEnv());
    withHosts.put("KVFLEX_HOSTS_FILE", "/tmp/kv/hosts");
    assertThat(run(withHosts, args)).isEqualTo(3);
    assertThat(stderr()).contains("and that /tmp/kv/hosts (KVFLEX_HOSTS_FILE) lists the host");
  }

  // ---- helpers -------------------------------------------------------------------------------

  private int check(Map<String, String> environment, String identity) {
    return run(environment, args(identity));
  }

  private static String[] args(String identity) {
    return List.of(
            "check-access",
            "--cloud-env",
            env.toString(),
            "--vault",
            "local-kv",
            "--object",
            "secret/db-password",
            "--client-id",
            sp(identity).clientId())
        .toArray(String[]::new);
  }

  private int run(Map<String, String> environment, String... args) {
    CliContext ctx =
        new CliContext(streams.in(), streams.out(), streams.err(), environment, dir, false);
    return KvctlCommand.run(ctx, args);
  }

  private static Map<String, String> callerEnv() {
    ServicePrincipalSpec a = sp("auditor");
    return Map.of(
        "AZURE_CLIENT_ID", a.clientId(),
        "AZURE_TENANT_ID", a.tenant(),
        "AZURE_CLIENT_SECRET", a.clientSecret().orElseThrow().reveal());
  }

  private static ServicePrincipalSpec sp(String name) {
    return seed.servicePrincipals().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private String stdout() {
    return streams.outText();
  }

  private String stderr() {
    return streams.errText();
  }
}
