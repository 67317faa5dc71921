package io.kvflex.kvctl.access;

import static io.kvflex.kvctl.access.ArmShapes.APP_ID;
import static io.kvflex.kvctl.access.ArmShapes.OID;
import static io.kvflex.kvctl.access.ArmShapes.RG;
import static io.kvflex.kvctl.access.ArmShapes.SUB;
import static io.kvflex.kvctl.access.ArmShapes.VAULT;
import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.cloud.CloudEnvironmentFile;
import io.kvflex.kvctl.net.FailureHints;
import io.kvflex.kvctl.net.RunDeadline;
import io.kvflex.localvault.LocalVault;
import io.kvflex.localvault.LocalVaultConfig;
import io.kvflex.localvault.seed.SeedLoader;
import io.kvflex.options.IdentityMode;
import io.kvflex.options.ObjectType;
import io.kvflex.options.Sensitive;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --probe} for real: ARM/Graph from the stubs, the data-plane GETs as the service principal
 * against localvault (its own Entra token endpoint, TLS with its CA, its access policies), through
 * the driver's vault client.
 */
class ProbeLocalVaultTest {
  static final String CLIENT_SECRET = "orders-api-secret-value";
  static final String SEED =
      """
      tenants:
        - id: %s
          name: contoso
      servicePrincipals:
        - name: orders-api
          clientId: %s
          objectId: %s
          clientSecret: %s
      vaults:
        - name: %s
          access:
            - identity: orders-api
              secrets: [get]
              keys: [list]
          secrets:
            - name: db-password
              versions:
                - value: s3cr3t-db-password
          keys:
            - name: signing
              type: EC
              curve: P-256
          certificates:
            - name: tls
              subject: CN=orders.contoso.test
              keyType: RSA
      """
          .formatted(ArmShapes.TENANT, APP_ID, OID, CLIENT_SECRET, VAULT);

  @TempDir static Path dir;
  static LocalVault localVault;
  static AzureStubs stubs;

  @BeforeAll
  static void start() throws Exception {
    localVault = LocalVault.start(LocalVaultConfig.of(SeedLoader.parse("probe-seed.yaml", SEED)));
    // The JDK reads this hosts file at each lookup; nothing looked up a localvault name before.
    TestHosts.add(localVault.hostNames());
    localVault.writeCloudEnvironment(dir.resolve("localvault.json"));
    stubs = AzureStubs.start(dir);
  }

  @AfterAll
  static void stop() {
    stubs.close();
    localVault.close();
  }

  @Test
  void probeAgreesWhereTheVaultDoesAndFlagsWhereArmIsWrong() throws Exception {
    // ARM says: secrets get (true in localvault), keys get (localvault only grants list), no
    // certificates.
    stubs.vault(
        ArmShapes.vault(
            false,
            "[" + ArmShapes.accessPolicy(OID, null, "get", "get", "") + "]",
            "Enabled",
            "Allow"));
    List<ObjectRef> objects =
        List.of(
            new ObjectRef(ObjectType.SECRET, "db-password", Optional.empty()),
            new ObjectRef(ObjectType.KEY, "signing", Optional.empty()),
            new ObjectRef(ObjectType.CERT, "tls", Optional.empty()));
    VaultProber prober =
        new VaultProber(
            CloudEnvironmentFile.load(dir.resolve("localvault.json"), 2579),
            new IdentityMode.ServicePrincipalSecret(APP_ID, Sensitive.ofUtf8(CLIENT_SECRET)),
            Optional.empty(),
            Clock.systemUTC(),
            new DriverHttp(java.util.Map.of(), System.err),
            RunDeadline.after(Clock.systemUTC(), Duration.ofSeconds(60)),
            new FailureHints(java.util.Map.of(), Duration.ofSeconds(60)));

    AccessReport report =
        stubs
            .checker()
            .check(
                new AccessQuery(
                    VAULT,
                    objects,
                    new IdentityInput.ObjectId(OID),
                    Optional.of(SUB),
                    Optional.of(RG),
                    Optional.empty()),
                Optional.of(prober));

    String table = ReportTable.render(report);
    ObjectResult secret = report.results().get(0);
    assertThat(secret.verdict()).isEqualTo(Verdict.ALLOWED);
    assertThat(secret.probe().orElseThrow().outcome()).isEqualTo(ProbeOutcome.Kind.READ);
    assertThat(secret.probeAgrees()).contains(true);
    ObjectResult key = report.results().get(1);
    assertThat(key.verdict()).isEqualTo(Verdict.ALLOWED);
    assertThat(key.probe().orElseThrow().outcome()).isEqualTo(ProbeOutcome.Kind.DENIED);
    assertThat(key.probeAgrees()).contains(false);
    ObjectResult cert = report.results().get(2);
    assertThat(cert.verdict()).isEqualTo(Verdict.DENIED);
    assertThat(cert.probe().orElseThrow().outcome()).isEqualTo(ProbeOutcome.Kind.DENIED);
    assertThat(cert.probeAgrees()).contains(true);
    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(table)
        .contains("(DISAGREES with the verdict)")
        .doesNotContain("s3cr3t-db-password")
        .doesNotContain(CLIENT_SECRET);
    assertThat(ReportJson.render(report)).doesNotContain("s3cr3t-db-password");
  }
}
