package io.kvflex.kvctl.access;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.kvflex.kvctl.access.ArmShapes.APP_ID;
import static io.kvflex.kvctl.access.ArmShapes.OID;
import static io.kvflex.kvctl.access.ArmShapes.RG;
import static io.kvflex.kvctl.access.ArmShapes.SUB;
import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.kvctl.KvctlCommand;
import io.kvflex.kvctl.cli.CliContext;
import io.kvflex.kvctl.net.RunDeadline;
import io.kvflex.options.CloudName;
import io.kvflex.options.CloudSelection;
import io.kvflex.testsupport.CapturedStreams;
import io.kvflex.testsupport.Golden;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code kvctl check-access} end to end through the root command, against the ARM/Graph stubs. */
class CheckAccessCommandTest {
  static final Golden GOLDEN = Golden.in(Path.of("src/test/resources/access/golden"));

  /** One secret of the stubbed vault kv-demo, by the identity's object id. */
  private static final String[] ONE_SECRET = {
    "check-access",
    "--vault",
    "kv-demo",
    "--object",
    "secret/a",
    "--object-id",
    OID,
    "--subscription",
    SUB,
    "--resource-group",
    RG
  };

  @TempDir static Path stubDir;
  @TempDir Path work;
  static AzureStubs stubs;

  final CapturedStreams streams = new CapturedStreams();
  final List<CloudSelection> clouds = new ArrayList<>();
  java.util.function.Function<io.kvflex.options.IdentityMode, AccessChecker.Prober> probe =
      identity -> {
        throw new AssertionError("no probe expected");
      };

  @BeforeAll
  static void start() throws Exception {
    stubs = AzureStubs.start(stubDir);
  }

  @AfterAll
  static void stop() {
    stubs.close();
  }

  @BeforeEach
  void reset() {
    stubs.reset();
  }

  int run(String... args) {
    CliContext ctx =
        new CliContext(streams.in(), streams.out(), streams.err(), Map.of(), work, false);
    CommandLine cl = KvctlCommand.commandLine(ctx);
    if (cl.getSubcommands().containsKey("check-access")) {
      cl.getCommandSpec().removeSubcommand("check-access");
    }
    cl.addSubcommand(
        new CheckAccessCommand(
            ctx,
            new AccessConnector() {
              @Override
              public AccessChecker checker(CloudSelection cloud, RunDeadline deadline) {
                clouds.add(cloud);
                try {
                  return stubs.checker(deadline);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }

              @Override
              public AccessChecker.Prober prober(
                  CloudSelection cloud,
                  io.kvflex.options.IdentityMode identity,
                  java.util.Optional<String> tenantId,
                  RunDeadline deadline) {
                return probe.apply(identity);
              }
            },
            java.time.Clock.systemUTC()));
    // Subcommands added after the root was configured do not inherit its streams.
    cl.setOut(new java.io.PrintWriter(ctx.out(), true, StandardCharsets.UTF_8));
    cl.setErr(new java.io.PrintWriter(ctx.err(), true, StandardCharsets.UTF_8));
    return cl.execute(args);
  }

  String stdout() {
    return streams.outText();
  }

  String stderr() {
    return streams.errText();
  }

  static List<String> rbacObjectArgs() {
    List<String> args = new ArrayList<>();
    for (var ref : RbacScenarioTest.OBJECTS) {
      args.add("--object");
      args.add(ref.type().optionValue() + "/" + ref.name());
    }
    return args;
  }

  @Test
  void explicitObjectsPrintTheTableAndExitOneOnADenial() throws Exception {
    RbacScenarioTest.rbacWorld(stubs);
    List<String> args =
        new ArrayList<>(
            List.of(
                "check-access",
                "--vault",
                "kv-demo",
                "--object-id",
                OID,
                "--subscription",
                SUB,
                "--resource-group",
                RG));
    args.addAll(rbacObjectArgs());

    int code = run(args.toArray(String[]::new));

    assertThat(stderr()).isEmpty();
    assertThat(code).isEqualTo(1);
    GOLDEN.assertMatches("rbac.txt", stdout());
    assertThat(clouds)
        .containsExactly(
            new CloudSelection(CloudName.AZURE_PUBLIC_CLOUD, java.util.Optional.empty()));
  }

  @Test
  void jsonFormatAndCloudEnvFile() throws Exception {
    RbacScenarioTest.rbacWorld(stubs);
    Files.writeString(work.resolve("env.json"), "{}");
    List<String> args =
        new ArrayList<>(
            List.of(
                "check-access",
                "--vault",
                "kv-demo",
                "--object-id",
                OID,
                "--subscription",
                SUB,
                "--resource-group",
                RG,
                "-o",
                "json",
                "--cloud-env",
                "env.json"));
    args.addAll(rbacObjectArgs());

    int code = run(args.toArray(String[]::new));

    assertThat(code).isEqualTo(1);
    GOLDEN.assertMatches("rbac.json", stdout());
    assertThat(clouds)
        .containsExactly(
            new CloudSelection(
                CloudName.AZURE_STACK_CLOUD, java.util.Optional.of(work.resolve("env.json"))));
  }

  @Test
  void manifestModeReadsTheVolumeAndTheSecretWithoutPrintingIt() throws Exception {
    String clientSecret = "Zq8~never-print-this-client-secret";
    Files.writeString(
        work.resolve("app.yaml"),
        """
        apiVersion: v1
        kind: Secret
        metadata:
          name: kvcreds
        type: azure/kv
        stringData:
          clientid: %s
          clientsecret: %s
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: orders
          namespace: shop
        spec:
          template:
            spec:
              containers:
                - name: app
                  image: nginx:1.27
                  volumeMounts:
                    - name: kv
                      mountPath: /kvmnt
              volumes:
                - name: kv
                  flexVolume:
                    driver: azure/kv
                    secretRef:
                      name: kvcreds
                    options:
                      keyvaultname: kv-demo
                      keyvaultobjectnames: db-password;signing;tls
                      keyvaultobjecttypes: secret;key;cert
                      keyvaultobjectversions: ";4b8e0f2a9c1d4e6f8a0b2c4d6e8f0a1b;"
                      tenantid: %s
                      subscriptionid: %s
                      resourcegroup: %s
        """
            .formatted(APP_ID, clientSecret, ArmShapes.TENANT, SUB, RG));
    stubs.vault(ArmShapes.vault(false, AccessPolicyScenarioTest.POLICIES, "Enabled", "Deny"));
    stubs.servicePrincipal(APP_ID, ArmShapes.servicePrincipals(APP_ID, OID, "orders-api"));
    stubs.memberObjects(OID, 200, "{\"value\": [\"" + ArmShapes.GROUP + "\"]}");

    int code = run("check-access", "-f", "app.yaml", "--secret-file", "app.yaml");

    assertThat(stderr()).isEmpty();
    assertThat(code).isEqualTo(1);
    GOLDEN.assertMatches("access-policy.txt", stdout());
    assertThat(stdout() + stderr()).doesNotContain(clientSecret);

    // kubectl style: the Secret in its own file, both named with -f; and the old --manifest.
    String[] parts = Files.readString(work.resolve("app.yaml")).split("(?m)^---$");
    Files.writeString(work.resolve("secret.yaml"), parts[0]);
    Files.writeString(work.resolve("deploy.yaml"), parts[1]);
    streams.reset();
    assertThat(run("check-access", "-f", "deploy.yaml", "-f", "secret.yaml")).isEqualTo(1);
    GOLDEN.assertMatches("access-policy.txt", stdout());
    streams.reset();
    assertThat(run("check-access", "--manifest", "app.yaml")).isEqualTo(1);
    GOLDEN.assertMatches("access-policy.txt", stdout());
    assertThat(stderr())
        .isEqualTo(
            "kvctl check-access: note: --manifest is deprecated and will be removed in the next"
                + " release; use -f/--filename\n");
  }

  @Test
  void secretRefVolumeWithoutTheSecretIsAUsageError() throws Exception {
    Files.writeString(
        work.resolve("pod.yaml"),
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
                options: {keyvaultname: kv-demo, keyvaultobjectnames: a, keyvaultobjecttypes: secret, tenantid: %s}
        """
            .formatted(ArmShapes.TENANT));

    int code = run("check-access", "-f", "pod.yaml");

    assertThat(code).isEqualTo(2);
    assertThat(stderr()).contains("kvcreds").contains("--secret-file");
    assertThat(stdout()).isEmpty();
  }

  @Test
  void usageErrorsNameTheFlag() {
    assertThat(run("check-access", "--vault", "kv-demo", "--object", "secret/a")).isEqualTo(2);
    assertThat(stderr()).contains("name the identity");
    streams.reset();
    assertThat(run("check-access", "--vault", "kv-demo", "--object", "blob/a", "--object-id", OID))
        .isEqualTo(2);
    assertThat(stderr()).contains("--object blob/a").contains("secret, key, cert");
    streams.reset();
    assertThat(
            run(
                "check-access",
                "--client-id",
                APP_ID,
                "--object-id",
                OID,
                "--vault",
                "v",
                "--object",
                "secret/a"))
        .isEqualTo(2);
    assertThat(stderr()).contains("mutually exclusive");
  }

  @Test
  void callerWithoutReadRightsExitsThree() {
    stubs.vault(ArmShapes.vault(true, "[]", "Enabled", "Allow"));
    stubs.stub(
        stubs.roleAssignmentList(ArmShapes.VAULT_ID + "/secrets/a"),
        403,
        ArmShapes.armError(
            "AuthorizationFailed",
            "does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/read'"));

    int code = run(ONE_SECRET);

    assertThat(code).isEqualTo(3);
    assertThat(stdout()).contains("cannot tell").contains("roleAssignments/read");
  }

  @Test
  void armFailureIsReportedOnStderrWithExitThree() {
    stubs.stub(
        stubs.armGet(ArmShapes.VAULT_ID, ArmReader.VAULT_API),
        403,
        ArmShapes.armError("AuthorizationFailed", "no vaults/read"));

    int code = run(ONE_SECRET);

    assertThat(code).isEqualTo(3);
    assertThat(stderr())
        .startsWith("kvctl: could not read vault")
        .contains("403 AuthorizationFailed")
        .contains("Microsoft.KeyVault/vaults/read");
    assertThat(stdout()).isEmpty();
  }

  private static String[] withTimeout(String timeout) {
    List<String> args = new ArrayList<>(List.of(ONE_SECRET));
    args.addAll(List.of("--timeout", timeout));
    return args.toArray(String[]::new);
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void timeoutBoundsACallThatNeverAnswers() {
    // ARM accepts the call and does not answer for two minutes: kvctl gives up after --timeout.
    stubs.server.stubFor(
        stubs
            .armGet(ArmShapes.VAULT_ID, ArmReader.VAULT_API)
            .willReturn(aResponse().withStatus(200).withFixedDelay(120_000)));

    int code = run(withTimeout("5s"));

    assertThat(code).isEqualTo(3);
    assertThat(stderr())
        .isEqualTo(
            "kvctl: gave up waiting for ARM at "
                + stubs.baseUrl()
                + ArmShapes.VAULT_ID
                + ": kvctl waited up to 5 s (--timeout); raise it if needed\n");
    assertThat(stdout()).isEmpty();
  }

  @Test
  void throttlingThatWouldOutlastTheTimeoutGivesUpAtOnce() {
    stubs.server.stubFor(
        stubs
            .armGet(ArmShapes.VAULT_ID, ArmReader.VAULT_API)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));

    int code = run(withTimeout("20s"));

    assertThat(code).isEqualTo(3);
    assertThat(stderr())
        .startsWith("kvctl: ARM is throttling (HTTP 429) and asks to wait 30 s, more than the ")
        .endsWith(" s left of --timeout 20s: retry later, or raise --timeout\n");
    assertThat(stubs.sleeps).isEmpty();
  }

  @Test
  void throttlingWithinTheTimeoutIsWaitedOut() {
    stubs.server.stubFor(
        stubs
            .armGet(ArmShapes.VAULT_ID, ArmReader.VAULT_API)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")));

    assertThat(run(withTimeout("20s"))).isEqualTo(3);
    // Every retry paused (never past the deadline), then ARM's last answer is reported.
    assertThat(stubs.sleeps)
        .hasSize(AzureRest.MAX_ATTEMPTS - 1)
        .containsOnly(Duration.ofSeconds(3));
    assertThat(stderr()).contains("429");
  }

  @Test
  void probeUsesTheVolumesOwnCredentialsAndReportsAgreement() throws Exception {
    Files.writeString(
        work.resolve("secret.yaml"),
        """
        apiVersion: v1
        kind: Secret
        metadata: {name: kvcreds}
        type: azure/kv
        data:
          clientid: %s
          clientsecret: %s
        """
            .formatted(
                java.util.Base64.getEncoder()
                    .encodeToString(APP_ID.getBytes(StandardCharsets.UTF_8)),
                java.util.Base64.getEncoder()
                    .encodeToString("s3cret-value-never-shown".getBytes(StandardCharsets.UTF_8))));
    stubs.vault(ArmShapes.vault(false, AccessPolicyScenarioTest.POLICIES, "Enabled", "Allow"));
    stubs.servicePrincipal(APP_ID, ArmShapes.servicePrincipals(APP_ID, OID, "orders-api"));
    stubs.memberObjects(OID, 200, "{\"value\": []}");
    List<io.kvflex.options.IdentityMode> probedAs = new ArrayList<>();
    probe =
        identity -> {
          probedAs.add(identity);
          return (vault, ref) ->
              ref.type() == io.kvflex.options.ObjectType.SECRET
                  ? new ProbeOutcome(ProbeOutcome.Kind.READ, "read version 0f1e2d3c")
                  : new ProbeOutcome(
                      ProbeOutcome.Kind.DENIED, "Key Vault answered Forbidden [HTTP 403]");
        };

    int code =
        run(
            "check-access",
            "--vault",
            "kv-demo",
            "--object",
            "secret/db-password",
            "--object",
            "key/signing",
            "--secret-file",
            "secret.yaml",
            "--subscription",
            SUB,
            "--resource-group",
            RG,
            "--probe");

    assertThat(code).isEqualTo(1);
    assertThat(probedAs)
        .singleElement()
        .isInstanceOfSatisfying(
            io.kvflex.options.IdentityMode.ServicePrincipalSecret.class,
            sp -> assertThat(sp.clientId()).isEqualTo(APP_ID));
    assertThat(stdout())
        .contains("probe:    read: read version 0f1e2d3c (agrees)")
        .contains("probe:    denied: Key Vault answered Forbidden [HTTP 403] (agrees)")
        .doesNotContain("s3cret-value-never-shown");
  }

  @Test
  void probeWithoutCredentialsIsAUsageError() {
    assertThat(
            run(
                "check-access",
                "--vault",
                "kv-demo",
                "--object",
                "secret/a",
                "--object-id",
                OID,
                "--probe"))
        .isEqualTo(2);
    assertThat(stderr()).contains("--probe needs the identity's credentials");
  }
}
