package io.kvflex.kvctl.access;

import static io.kvflex.kvctl.access.ArmShapes.APP_ID;
import static io.kvflex.kvctl.access.ArmShapes.GROUP;
import static io.kvflex.kvctl.access.ArmShapes.OID;
import static io.kvflex.kvctl.access.ArmShapes.OTHER_SP;
import static io.kvflex.kvctl.access.ArmShapes.RG;
import static io.kvflex.kvctl.access.ArmShapes.SUB;
import static io.kvflex.kvctl.access.ArmShapes.VAULT;
import static io.kvflex.kvctl.access.ArmShapes.VAULT_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.kvflex.options.ObjectType;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import io.kvflex.testsupport.Golden;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Access-policy vaults (enableRbacAuthorization null), identity resolution and vault lookup. */
class AccessPolicyScenarioTest {
  static final Golden GOLDEN = Golden.in(Path.of("src/test/resources/access/golden"));

  @TempDir static Path dir;
  static AzureStubs stubs;

  static final List<ObjectRef> OBJECTS =
      List.of(
          new ObjectRef(ObjectType.SECRET, "db-password", Optional.empty()),
          new ObjectRef(ObjectType.KEY, "signing", Optional.of("4b8e0f2a9c1d4e6f8a0b2c4d6e8f0a1b")),
          new ObjectRef(ObjectType.CERT, "tls", Optional.empty()));

  static final String POLICIES =
      "["
          + String.join(
              ",",
              // The identity: secrets get+list, keys list only (no get).
              ArmShapes.accessPolicy(OID, null, "Get,List", "List", ""),
              // A group the identity is in: certificates get.
              ArmShapes.accessPolicy(GROUP, null, "", "", "get"),
              // A compound identity (app on behalf of a user): does not count.
              ArmShapes.accessPolicy(OID, "04b07795-8ddb-461a-bbee-02f9e1bf7b46", "", "all", ""),
              // Someone else.
              ArmShapes.accessPolicy(OTHER_SP, null, "all", "all", "all"))
          + "]";

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

  static AccessQuery byClientId(Optional<String> sub, Optional<String> rg) {
    return new AccessQuery(
        VAULT, OBJECTS, new IdentityInput.ClientId(APP_ID), sub, rg, Optional.empty());
  }

  @Test
  void matchesObjectIdTenantAndPermissionIncludingGroups() throws Exception {
    stubs.vault(ArmShapes.vault(false, POLICIES, "Enabled", "Deny"));
    stubs.servicePrincipal(APP_ID, ArmShapes.servicePrincipals(APP_ID, OID, "orders-api"));
    stubs.memberObjects(
        OID,
        200,
        "{\"@odata.context\": \"https://graph.microsoft.com/v1.0/$metadata#Collection(Edm.String)\", \"value\": [\""
            + GROUP
            + "\"]}");

    AccessReport report =
        stubs.checker().check(byClientId(Optional.of(SUB), Optional.of(RG)), Optional.empty());

    assertThat(report.results())
        .extracting(ObjectResult::label, ObjectResult::verdict)
        .containsExactly(
            tuple("secret/db-password", Verdict.ALLOWED),
            tuple("key/signing@4b8e0f2a9c1d4e6f8a0b2c4d6e8f0a1b", Verdict.DENIED),
            tuple("cert/tls", Verdict.ALLOWED));
    assertThat(report.principal().displayName()).contains("orders-api");
    // set-policy replaces the category's list: the fix keeps "list" and adds "get".
    assertThat(report.results().get(1).evaluation().fix())
        .contains(
            "az keyvault set-policy --name kv-demo --resource-group rg-apps --subscription "
                + SUB
                + " --object-id "
                + OID
                + " --key-permissions list get");
    assertThat(report.results().get(1).evaluation().notes())
        .singleElement()
        .asString()
        .contains("compound identity");
    assertThat(report.warnings())
        .singleElement()
        .asString()
        .contains("firewall")
        .contains("denies by default");
    assertThat(report.exitCode()).isEqualTo(1);
    GOLDEN.assertMatches("access-policy.txt", ReportTable.render(report));
    GOLDEN.assertMatches("access-policy.json", ReportJson.render(report));
  }

  @Test
  void rbacRolesOnAnAccessPolicyVaultAreNotedAsIgnoredAndVaultWritersAsEscalations()
      throws Exception {
    stubs.vault(ArmShapes.vault(false, POLICIES, "Enabled", "Allow"));
    stubs.servicePrincipal(APP_ID, ArmShapes.servicePrincipals(APP_ID, OID, "orders-api"));
    stubs.memberObjects(OID, 200, "{\"value\": []}");
    String keyScope = VAULT_ID + "/keys/signing";
    String contributor = "b24988ac-6180-42a0-ab88-20f7382dd24c";
    String reader = ArmShapes.KV_READER;
    stubs.roleAssignments(
        List.of(
            new AzureStubs.Ra(
                "0c3e1b70-0000-4000-8000-000000000011",
                VAULT_ID,
                reader,
                OID,
                "ServicePrincipal",
                null),
            new AzureStubs.Ra(
                "0c3e1b70-0000-4000-8000-000000000012",
                "/subscriptions/" + SUB + "/resourceGroups/" + RG,
                contributor,
                OID,
                "ServicePrincipal",
                null)),
        keyScope);
    stubs.roleDefinition(
        reader,
        ArmShapes.roleDefinition(
            reader,
            "Key Vault Reader",
            true,
            List.of("Microsoft.KeyVault/vaults/*/read"),
            List.of()));
    stubs.roleDefinition(
        contributor,
        ArmShapes.roleDefinition(
            contributor,
            "Contributor",
            true,
            List.of("*"),
            List.of("Microsoft.Authorization/*/Write"),
            List.of(),
            List.of()));

    AccessReport report =
        stubs
            .checker()
            .check(
                new AccessQuery(
                    VAULT,
                    List.of(OBJECTS.get(1)),
                    new IdentityInput.ClientId(APP_ID),
                    Optional.of(SUB),
                    Optional.of(RG),
                    Optional.empty()),
                Optional.empty());

    // The verdict stays the access policy's: keys list only, no get.
    assertThat(report.results().get(0).verdict()).isEqualTo(Verdict.DENIED);
    assertThat(report.results().get(0).evaluation().notes())
        .contains(
            "role \"Key Vault Reader\" at vault scope grants Microsoft.KeyVault/vaults/keys/read,"
                + " but vault kv-demo uses access policies: Key Vault ignores RBAC data roles until"
                + " enableRbacAuthorization is true");
    assertThat(report.notes())
        .containsExactly(
            "escalation: role \"Contributor\" at resource group rg-apps grants"
                + " Microsoft.KeyVault/vaults/accessPolicies/write (by *): the identity can add"
                + " itself an access policy on the vault");
  }

  @Test
  void unreadableGroupsMakeGroupGrantsCannotTell() throws Exception {
    stubs.vault(ArmShapes.vault(false, POLICIES, "Enabled", "Allow"));
    stubs.servicePrincipal(APP_ID, ArmShapes.servicePrincipals(APP_ID, OID, "orders-api"));
    stubs.memberObjects(
        OID,
        403,
        "{\"error\": {\"code\": \"Authorization_RequestDenied\", \"message\": \"Insufficient privileges to complete the operation.\"}}");

    AccessReport report =
        stubs.checker().check(byClientId(Optional.of(SUB), Optional.of(RG)), Optional.empty());

    assertThat(report.results())
        .extracting(ObjectResult::verdict)
        .containsExactly(Verdict.ALLOWED, Verdict.CANNOT_TELL, Verdict.CANNOT_TELL);
    assertThat(report.results().get(2).evaluation().evidence())
        .last()
        .asString()
        .contains("group memberships could not be read");
    assertThat(report.warnings())
        .anySatisfy(w -> assertThat(w).contains("403 Authorization_RequestDenied"));
    assertThat(report.exitCode()).isEqualTo(3);
  }

  @Test
  void identityWithoutAnyPolicyIsDeniedWithAFreshPolicyCommand() throws Exception {
    stubs.vault(
        ArmShapes.vault(
            false,
            "[" + ArmShapes.accessPolicy(GROUP, null, "get", "", "") + "]",
            "Disabled",
            "Allow"));
    stubs.servicePrincipal(APP_ID, ArmShapes.servicePrincipals(APP_ID, OID, "orders-api"));
    stubs.memberObjects(OID, 200, "{\"value\": []}");

    AccessReport report =
        stubs
            .checker()
            .check(
                new AccessQuery(
                    VAULT,
                    OBJECTS.subList(0, 1),
                    new IdentityInput.ClientId(APP_ID),
                    Optional.of(SUB),
                    Optional.of(RG),
                    Optional.empty()),
                Optional.empty());

    ObjectResult r = report.results().get(0);
    assertThat(r.verdict()).isEqualTo(Verdict.DENIED);
    assertThat(r.evaluation().evidence())
        .containsExactly("no access policy entry for the identity in vault kv-demo");
    assertThat(r.evaluation().fix())
        .hasValueSatisfying(f -> assertThat(f).endsWith("--secret-permissions get"));
    assertThat(report.warnings())
        .singleElement()
        .asString()
        .contains("public network access")
        .contains("private endpoint");
  }

  @Test
  void locatesTheVaultThroughResourceListingWhenSubscriptionAndGroupAreUnknown() throws Exception {
    stubs.stub(
        stubs.armGet("/subscriptions", ArmReader.SUBSCRIPTIONS_API),
        200,
        "{\"value\": [{\"id\": \"/subscriptions/"
            + SUB
            + "\", \"subscriptionId\": \""
            + SUB
            + "\", \"tenantId\": \""
            + ArmShapes.TENANT
            + "\", \"displayName\": \"Apps\", \"state\": \"Enabled\"}], \"count\": {\"type\": \"Total\", \"value\": 1}}");
    stubs.stub(
        stubs
            .armGet("/subscriptions/" + SUB + "/resources", ArmReader.RESOURCES_API)
            .withQueryParam(
                "$filter",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                    "resourceType eq 'Microsoft.KeyVault/vaults' and name eq '" + VAULT + "'")),
        200,
        "{\"value\": [{\"id\": \""
            + VAULT_ID
            + "\", \"name\": \""
            + VAULT
            + "\", \"type\": \"Microsoft.KeyVault/vaults\", \"location\": \"westeurope\"}]}");
    stubs.vault(ArmShapes.vault(false, POLICIES, "Enabled", "Allow"));
    stubs.servicePrincipal(APP_ID, ArmShapes.servicePrincipals(APP_ID, OID, "orders-api"));
    stubs.memberObjects(OID, 200, "{\"value\": []}");

    AccessReport report =
        stubs.checker().check(byClientId(Optional.empty(), Optional.empty()), Optional.empty());

    assertThat(report.vault().id()).isEqualTo(VAULT_ID);
    assertThat(report.results())
        .extracting(ObjectResult::verdict)
        .containsExactly(Verdict.ALLOWED, Verdict.DENIED, Verdict.DENIED);
  }

  @Test
  void resolvesAUserAssignedIdentityThroughArm() throws Exception {
    String uami =
        "/subscriptions/"
            + SUB
            + "/resourceGroups/rg-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/orders-mi";
    stubs.stub(
        stubs.armGet(uami, ArmReader.IDENTITY_API),
        200,
        "{\"id\": \""
            + uami
            + "\", \"name\": \"orders-mi\", \"type\": \"Microsoft.ManagedIdentity/userAssignedIdentities\", \"location\": \"westeurope\", \"tags\": {},"
            + " \"properties\": {\"tenantId\": \""
            + ArmShapes.TENANT
            + "\", \"principalId\": \""
            + OID
            + "\", \"clientId\": \""
            + APP_ID
            + "\", \"isolationScope\": \"None\"}}");
    stubs.vault(ArmShapes.vault(false, POLICIES, "Enabled", "Allow"));
    stubs.memberObjects(OID, 200, "{\"value\": []}");

    AccessReport report =
        stubs
            .checker()
            .check(
                new AccessQuery(
                    VAULT,
                    OBJECTS.subList(0, 1),
                    new IdentityInput.ResourceId(uami),
                    Optional.of(SUB),
                    Optional.of(RG),
                    Optional.of("00000000-0000-0000-0000-000000000001")),
                Optional.empty());

    assertThat(report.principal().objectId()).isEqualTo(OID);
    assertThat(report.principal().appId()).contains(APP_ID);
    assertThat(report.principal().resolvedBy()).isEqualTo("ARM user-assigned identity");
    assertThat(report.results().get(0).verdict()).isEqualTo(Verdict.ALLOWED);
    assertThat(report.warnings())
        .anySatisfy(w -> assertThat(w).contains("rejects tokens from other tenants"));
  }

  @Test
  void unknownClientIdIsAUserError() throws Exception {
    stubs.servicePrincipal(APP_ID, "{\"value\": []}");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                stubs
                    .checker()
                    .check(byClientId(Optional.of(SUB), Optional.of(RG)), Optional.empty()))
        .isInstanceOf(io.kvflex.errors.UserInputException.class)
        .hasMessageContaining(APP_ID)
        .hasMessageContaining("--client-id");
  }
}
