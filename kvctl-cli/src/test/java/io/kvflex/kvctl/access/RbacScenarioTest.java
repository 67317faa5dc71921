package io.kvflex.kvctl.access;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static io.kvflex.kvctl.access.ArmShapes.CRYPTO_OFFICER;
import static io.kvflex.kvctl.access.ArmShapes.CUSTOM_NO_SECRETS;
import static io.kvflex.kvctl.access.ArmShapes.GROUP;
import static io.kvflex.kvctl.access.ArmShapes.KV_READER;
import static io.kvflex.kvctl.access.ArmShapes.OID;
import static io.kvflex.kvctl.access.ArmShapes.OTHER_SP;
import static io.kvflex.kvctl.access.ArmShapes.RG;
import static io.kvflex.kvctl.access.ArmShapes.SECRETS_USER;
import static io.kvflex.kvctl.access.ArmShapes.SUB;
import static io.kvflex.kvctl.access.ArmShapes.VAULT_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.kvctl.access.AzureStubs.Ra;
import io.kvflex.options.ObjectType;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import io.kvflex.testsupport.Golden;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RBAC vaults: inherited, group and object-scope assignments, custom roles, paging, 403. */
class RbacScenarioTest {
  static final Golden GOLDEN = Golden.in(Path.of("src/test/resources/access/golden"));

  @TempDir static Path dir;
  static AzureStubs stubs;

  static final String SUB_SCOPE = "/subscriptions/" + SUB;
  static final String RG_SCOPE = SUB_SCOPE + "/resourceGroups/" + RG;

  static final List<Ra> ASSIGNMENTS =
      List.of(
          // Inherited from the subscription, through a group the identity belongs to.
          new Ra(
              "0c3e1b70-0000-4000-8000-000000000001", SUB_SCOPE, KV_READER, GROUP, "Group", null),
          // On one secret only.
          new Ra(
              "0c3e1b70-0000-4000-8000-000000000002",
              VAULT_ID + "/secrets/db-password",
              SECRETS_USER,
              OID,
              "ServicePrincipal",
              null),
          // Custom role at the resource group: every secret action except reading values.
          new Ra(
              "0c3e1b70-0000-4000-8000-000000000003",
              RG_SCOPE,
              CUSTOM_NO_SECRETS,
              OID,
              "ServicePrincipal",
              null),
          // Over-broad built-in role on one key.
          new Ra(
              "0c3e1b70-0000-4000-8000-000000000004",
              VAULT_ID + "/keys/rotating",
              CRYPTO_OFFICER,
              OID,
              "ServicePrincipal",
              null),
          // Someone else's assignment: never counts for our identity.
          new Ra(
              "0c3e1b70-0000-4000-8000-000000000005",
              VAULT_ID,
              SECRETS_USER,
              OTHER_SP,
              "ServicePrincipal",
              null));

  static final List<ObjectRef> OBJECTS =
      List.of(
          ref(ObjectType.SECRET, "db-password"),
          ref(ObjectType.SECRET, "api-key"),
          ref(ObjectType.KEY, "signing"),
          ref(ObjectType.KEY, "rotating"),
          ref(ObjectType.CERT, "tls"));

  @BeforeAll
  static void start() throws Exception {
    stubs = AzureStubs.start(dir);
  }

  @AfterAll
  static void stop() {
    stubs.close();
  }

  @BeforeEach
  void reset() {
    stubs.reset();
  }

  static ObjectRef ref(ObjectType type, String name) {
    return new ObjectRef(type, name, Optional.empty());
  }

  static String scopeOf(ObjectRef ref) {
    return VAULT_ID + "/" + RequiredAccess.forType(ref.type()).scopeSegment() + "/" + ref.name();
  }

  static AccessQuery query(List<ObjectRef> objects) {
    return new AccessQuery(
        ArmShapes.VAULT,
        objects,
        new IdentityInput.ObjectId(OID),
        Optional.of(SUB),
        Optional.of(RG),
        Optional.empty());
  }

  static void rbacWorld() {
    rbacWorld(stubs);
  }

  /** The RBAC vault with {@link #ASSIGNMENTS} and their role definitions, answered by ARM stubs. */
  static void rbacWorld(AzureStubs stubs) {
    stubs.vault(ArmShapes.vault(true, "[]", "Enabled", "Allow"));
    stubs.directoryObject(OID, "#microsoft.graph.servicePrincipal");
    stubs.roleAssignments(
        ASSIGNMENTS, OBJECTS.stream().map(RbacScenarioTest::scopeOf).toArray(String[]::new));
    stubs.roleDefinition(
        KV_READER,
        ArmShapes.roleDefinition(
            KV_READER,
            "Key Vault Reader",
            true,
            List.of(
                "Microsoft.KeyVault/vaults/*/read",
                "Microsoft.KeyVault/vaults/secrets/readMetadata/action"),
            List.of()));
    stubs.roleDefinition(
        SECRETS_USER,
        ArmShapes.roleDefinition(
            SECRETS_USER,
            "Key Vault Secrets User",
            true,
            List.of(
                "Microsoft.KeyVault/vaults/secrets/getSecret/action",
                "Microsoft.KeyVault/vaults/secrets/readMetadata/action"),
            List.of()));
    stubs.roleDefinition(
        CUSTOM_NO_SECRETS,
        ArmShapes.roleDefinition(
            CUSTOM_NO_SECRETS,
            "Secrets Metadata Operator",
            false,
            List.of("Microsoft.KeyVault/vaults/secrets/*"),
            List.of("Microsoft.KeyVault/vaults/secrets/getSecret/action")));
    stubs.roleDefinition(
        CRYPTO_OFFICER,
        ArmShapes.roleDefinition(
            CRYPTO_OFFICER,
            "Key Vault Crypto Officer",
            true,
            List.of(
                "Microsoft.KeyVault/vaults/keys/*",
                "Microsoft.KeyVault/vaults/keyrotationpolicies/*"),
            List.of()));
  }

  @Test
  void inheritedGroupObjectScopeAndCustomRolesAreEvaluatedByDataActions() throws Exception {
    rbacWorld();

    AccessReport report = stubs.checker().check(query(OBJECTS), Optional.empty());

    assertThat(report.results())
        .extracting(ObjectResult::label, ObjectResult::verdict)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("secret/db-password", Verdict.ALLOWED),
            org.assertj.core.groups.Tuple.tuple("secret/api-key", Verdict.DENIED),
            org.assertj.core.groups.Tuple.tuple("key/signing", Verdict.ALLOWED),
            org.assertj.core.groups.Tuple.tuple("key/rotating", Verdict.ALLOWED),
            org.assertj.core.groups.Tuple.tuple("cert/tls", Verdict.ALLOWED));
    assertThat(report.exitCode()).isEqualTo(1);
    ObjectResult apiKey = report.results().get(1);
    assertThat(apiKey.evaluation().evidence())
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains("Secrets Metadata Operator")
                    .contains("excludes")
                    .contains("notDataActions"));
    assertThat(apiKey.evaluation().fix())
        .contains(
            "az role assignment create --role \"Key Vault Secrets User\" --assignee-object-id "
                + OID
                + " --assignee-principal-type ServicePrincipal --scope "
                + VAULT_ID
                + "/secrets/api-key");
    assertThat(report.results().get(2).evaluation().evidence())
        .containsExactly(
            "role \"Key Vault Reader\" at subscription "
                + SUB
                + " via group "
                + GROUP
                + " grants Microsoft.KeyVault/vaults/keys/read (by Microsoft.KeyVault/vaults/*/read)");
    assertThat(report.results().get(3).evaluation().notes())
        .singleElement()
        .asString()
        .contains("grants more than needed");
    assertThat(stubs.requestedScopes).containsOnly(stubs.baseUrl() + "/.default");
    GOLDEN.assertMatches("rbac.txt", ReportTable.render(report));
    GOLDEN.assertMatches("rbac.json", ReportJson.render(report));
  }

  @Test
  void callerWithoutRoleAssignmentsReadCannotTellAndSaysWhy() throws Exception {
    stubs.vault(ArmShapes.vault(true, "[]", "Enabled", "Allow"));
    for (ObjectRef ref : OBJECTS) {
      stubs.stub(
          stubs.roleAssignmentList(scopeOf(ref)),
          403,
          ArmShapes.armError(
              "AuthorizationFailed",
              "The client 'kvctl-runner@contoso.com' with object id 'd93a38bc-d029-4160-bfb0-fbda779ac214' does not have"
                  + " authorization to perform action 'Microsoft.Authorization/roleAssignments/read' over scope '"
                  + scopeOf(ref)
                  + "' or the scope is invalid. If access was recently granted, please refresh your credentials."));
    }

    AccessReport report = stubs.checker().check(query(OBJECTS.subList(0, 2)), Optional.empty());

    assertThat(report.results())
        .allSatisfy(
            r -> {
              assertThat(r.verdict()).isEqualTo(Verdict.CANNOT_TELL);
              assertThat(r.evaluation().evidence())
                  .singleElement()
                  .asString()
                  .contains("403 AuthorizationFailed")
                  .contains("Microsoft.Authorization/roleAssignments/read");
              assertThat(r.evaluation().fix()).isEmpty();
            });
    assertThat(report.exitCode()).isEqualTo(3);
    GOLDEN.assertMatches("rbac-cannot-tell.txt", ReportTable.render(report));
  }

  @Test
  void followsNextLinkAcrossPages() throws Exception {
    stubs.vault(ArmShapes.vault(true, "[]", "Enabled", "Allow"));
    ObjectRef key = ref(ObjectType.KEY, "signing");
    String listPath = scopeOf(key) + "/providers/Microsoft.Authorization/roleAssignments";
    String next =
        stubs.baseUrl()
            + listPath
            + "?api-version="
            + ArmReader.AUTHORIZATION_API
            + "&$filter="
            + ArmReader.encode("atScope() and assignedTo('" + OID + "')")
            + "&$skipToken=page2";
    stubs.stub(
        stubs.roleAssignmentList(scopeOf(key)).withQueryParam("$skipToken", absent()),
        200,
        ArmShapes.list(List.of(ASSIGNMENTS.get(4).json()), next));
    stubs.stub(
        stubs.roleAssignmentList(scopeOf(key)).withQueryParam("$skipToken", equalTo("page2")),
        200,
        ArmShapes.list(List.of(ASSIGNMENTS.get(0).json()), null));
    stubs.roleDefinition(
        KV_READER,
        ArmShapes.roleDefinition(
            KV_READER,
            "Key Vault Reader",
            true,
            List.of("Microsoft.KeyVault/vaults/*/read"),
            List.of()));
    stubs.roleDefinition(
        SECRETS_USER,
        ArmShapes.roleDefinition(
            SECRETS_USER,
            "Key Vault Secrets User",
            true,
            List.of("Microsoft.KeyVault/vaults/secrets/getSecret/action"),
            List.of()));

    AccessReport report = stubs.checker().check(query(List.of(key)), Optional.empty());

    assertThat(report.results().get(0).verdict()).isEqualTo(Verdict.ALLOWED);
    assertThat(report.results().get(0).evaluation().evidence().get(0)).contains("Key Vault Reader");
  }

  @Test
  void throttledCallIsRetriedAfterRetryAfter() throws Exception {
    rbacWorld();
    stubs.server.stubFor(
        stubs
            .armGet(VAULT_ID, ArmReader.VAULT_API)
            .inScenario("throttle")
            .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
            .willSetStateTo("served")
            .willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "7")
                    .withBody(
                        ArmShapes.armError("TooManyRequests", "The request is being throttled."))));
    stubs.server.stubFor(
        stubs
            .armGet(VAULT_ID, ArmReader.VAULT_API)
            .inScenario("throttle")
            .whenScenarioStateIs("served")
            .willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                    .withStatus(200)
                    .withBody(ArmShapes.vault(true, "[]", "Enabled", "Allow"))));

    AccessReport report = stubs.checker().check(query(OBJECTS.subList(0, 1)), Optional.empty());

    assertThat(report.results().get(0).verdict()).isEqualTo(Verdict.ALLOWED);
    assertThat(stubs.sleeps).containsExactly(java.time.Duration.ofSeconds(7));
  }

  @Test
  void endlessThrottlingGivesUpAfterBoundedWaits() throws Exception {
    stubs.stub(
        stubs.armGet(VAULT_ID, ArmReader.VAULT_API),
        429,
        ArmShapes.armError("TooManyRequests", "The request is being throttled."));
    stubs.server.stubFor(
        stubs
            .armGet(VAULT_ID, ArmReader.VAULT_API)
            .willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "3600")
                    .withBody(
                        ArmShapes.armError("TooManyRequests", "The request is being throttled."))));

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> stubs.checker().check(query(OBJECTS.subList(0, 1)), Optional.empty()))
        .isInstanceOf(io.kvflex.errors.RemoteException.class)
        .hasMessageContaining("429 TooManyRequests");
    assertThat(stubs.sleeps)
        .hasSize(AzureRest.MAX_ATTEMPTS - 1)
        .containsOnly(AzureRest.MAX_RETRY_AFTER);
  }

  @Test
  void conditionalAssignmentCannotBeEvaluatedClientSide() throws Exception {
    rbacWorld();
    ObjectRef secret = ref(ObjectType.SECRET, "tagged");
    List<Ra> conditional =
        new ArrayList<>(
            List.of(
                new Ra(
                    "0c3e1b70-0000-4000-8000-000000000009",
                    VAULT_ID,
                    SECRETS_USER,
                    OID,
                    "ServicePrincipal",
                    "@Resource[Microsoft.KeyVault/vaults/secrets:tags:team<$key_case_sensitive$>] StringEquals 'payments'")));
    stubs.roleAssignments(conditional, scopeOf(secret));

    AccessReport report = stubs.checker().check(query(List.of(secret)), Optional.empty());

    assertThat(report.results().get(0).verdict()).isEqualTo(Verdict.CANNOT_TELL);
    assertThat(report.results().get(0).evaluation().evidence().get(0)).contains("ABAC condition");
    assertThat(report.exitCode()).isEqualTo(3);
  }
}
