package io.kvflex.kvctl.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.options.ObjectType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every published built-in role that matters for Key Vault (and custom roles with wildcards and
 * notDataActions), assigned at every scope from the object up to the tenant root, to the identity
 * and to a group it belongs to, against a secret, a key and a certificate. The expected verdicts
 * are written out by hand from the published definitions (which the fixture {@link BuiltInRoles}
 * holds verbatim), not derived from the evaluator.
 */
class BuiltInRoleMatrixTest {
  static final String TENANT = ArmShapes.TENANT;
  static final String OID = ArmShapes.OID;
  static final String GROUP = ArmShapes.GROUP;
  static final String VAULT_ID = ArmShapes.VAULT_ID;
  static final String SUB = "/subscriptions/" + ArmShapes.SUB;
  static final String RG = SUB + "/resourceGroups/" + ArmShapes.RG;

  static final Set<ObjectType> ALL = EnumSet.allOf(ObjectType.class);
  static final Set<ObjectType> NONE = EnumSet.noneOf(ObjectType.class);

  /** Which object types each role lets the driver GET (secret value, public key, public cert). */
  static final Map<String, Set<ObjectType>> EXPECTED =
      Map.ofEntries(
          Map.entry("Key Vault Administrator", ALL),
          // certificates/read, secrets/getSecret/action, keys/read
          Map.entry("Key Vault Certificate User", ALL),
          Map.entry("Key Vault Certificates Officer", EnumSet.of(ObjectType.CERT)),
          Map.entry("Key Vault Contributor", NONE),
          Map.entry("Key Vault Crypto Officer", EnumSet.of(ObjectType.KEY)),
          Map.entry("Key Vault Crypto Service Encryption User", EnumSet.of(ObjectType.KEY)),
          Map.entry("Key Vault Crypto Service Release User", NONE),
          Map.entry("Key Vault Crypto User", EnumSet.of(ObjectType.KEY)),
          Map.entry("Key Vault Data Access Administrator", NONE),
          // vaults/*/read: keys/read and certificates/read, never getSecret
          Map.entry("Key Vault Reader", EnumSet.of(ObjectType.KEY, ObjectType.CERT)),
          Map.entry("Key Vault Secrets Officer", EnumSet.of(ObjectType.SECRET)),
          Map.entry("Key Vault Secrets User", EnumSet.of(ObjectType.SECRET)),
          // control plane only: no data action at all
          Map.entry("Reader", NONE),
          Map.entry("Contributor", NONE),
          Map.entry("Owner", NONE),
          Map.entry("User Access Administrator", NONE),
          Map.entry("Role Based Access Control Administrator", NONE),
          Map.entry(
              "custom: vaults/* except getSecret", EnumSet.of(ObjectType.KEY, ObjectType.CERT)),
          Map.entry("custom: Microsoft.KeyVault/*", ALL),
          Map.entry("custom: */read data actions", EnumSet.of(ObjectType.KEY, ObjectType.CERT)),
          Map.entry("custom: secrets/* except readMetadata", EnumSet.of(ObjectType.SECRET)),
          Map.entry("custom: secrets/* except secrets/*", NONE),
          Map.entry("custom: two blocks, second grants getSecret", EnumSet.of(ObjectType.SECRET)));

  static final List<RoleDefinition> CUSTOM =
      List.of(
          custom(
              "custom: vaults/* except getSecret",
              block(List.of("Microsoft.KeyVault/vaults/*"), List.of("*/getSecret/action"))),
          custom("custom: Microsoft.KeyVault/*", block(List.of("Microsoft.KeyVault/*"), List.of())),
          custom("custom: */read data actions", block(List.of("*/read"), List.of())),
          custom(
              "custom: secrets/* except readMetadata",
              block(
                  List.of("microsoft.keyvault/VAULTS/secrets/*"),
                  List.of("Microsoft.KeyVault/vaults/secrets/readMetadata/action"))),
          custom(
              "custom: secrets/* except secrets/*",
              block(
                  List.of("Microsoft.KeyVault/vaults/secrets/*"),
                  List.of("Microsoft.KeyVault/vaults/secrets/*"))),
          custom(
              "custom: two blocks, second grants getSecret",
              block(List.of("Microsoft.KeyVault/vaults/*"), List.of("Microsoft.KeyVault/*")),
              block(List.of("Microsoft.KeyVault/vaults/secrets/getSecret/action"), List.of())));

  /** Scopes at or above the objects, as ARM's atScope() returns them. */
  static final Map<String, String> SCOPES =
      Map.of(
          "object",
          "OBJECT",
          "vault",
          VAULT_ID,
          "resource group",
          RG,
          "subscription",
          SUB,
          "management group",
          "/providers/Microsoft.Management/managementGroups/platform",
          "tenant root group",
          "/providers/Microsoft.Management/managementGroups/" + TENANT,
          "root",
          "/");

  static Stream<Arguments> matrix() {
    List<RoleDefinition> roles = new ArrayList<>(BuiltInRoles.all());
    roles.addAll(CUSTOM);
    List<Arguments> cases = new ArrayList<>();
    for (RoleDefinition role : roles) {
      for (Map.Entry<String, String> scope : SCOPES.entrySet()) {
        for (boolean viaGroup : List.of(false, true)) {
          for (ObjectType type : ObjectType.values()) {
            cases.add(
                Arguments.of(
                    role.roleName(), role, scope.getKey(), viaGroup ? " via group" : "", type));
          }
        }
      }
    }
    return cases.stream();
  }

  @Test
  void theFixtureHoldsEveryPublishedRoleOfTheTableWithItsGuid() {
    assertThat(BuiltInRoles.all())
        .extracting(RoleDefinition::roleName, RoleDefinition::guid, RoleDefinition::builtIn)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                "Key Vault Secrets User", "4633458b-17de-408a-b874-0445c86b69e6", true),
            org.assertj.core.groups.Tuple.tuple(
                "Key Vault Reader", "21090545-7ca7-4776-b22c-e363652d74d2", true),
            org.assertj.core.groups.Tuple.tuple(
                "Key Vault Crypto User", "12338af0-0e69-4776-bea7-57ae8d297424", true),
            org.assertj.core.groups.Tuple.tuple(
                "Owner", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", true));
    assertThat(
            BuiltInRoles.all().stream()
                .map(RoleDefinition::roleName)
                .filter(n -> !n.startsWith("custom"))
                .toList())
        .containsExactlyInAnyOrderElementsOf(
            EXPECTED.keySet().stream().filter(n -> !n.startsWith("custom")).toList());
  }

  @ParameterizedTest(name = "{0} at {2}{3}: {4}")
  @MethodSource("matrix")
  void verdictFollowsThePublishedDataActionsAtEveryScope(
      String name, RoleDefinition role, String scopeName, String via, ObjectType type) {
    boolean viaGroup = !via.isEmpty();
    RequiredAccess need = RequiredAccess.forType(type);
    String object = VAULT_ID + "/" + need.scopeSegment() + "/obj";
    String scope = SCOPES.get(scopeName).equals("OBJECT") ? object : SCOPES.get(scopeName);
    RoleAssignment a =
        new RoleAssignment(
            scope + "/providers/Microsoft.Authorization/roleAssignments/a1",
            scope,
            "/subscriptions/"
                + ArmShapes.SUB
                + "/providers/Microsoft.Authorization/roleDefinitions/"
                + role.guid(),
            viaGroup ? GROUP : OID,
            viaGroup ? "Group" : "ServicePrincipal",
            Optional.empty());

    Evaluation e =
        RbacEvaluator.evaluate(
            object,
            vault(),
            need,
            me(),
            List.of(a),
            Map.of(role.guid(), role),
            LeastPrivilege.builtIn());

    Verdict expected = EXPECTED.get(name).contains(type) ? Verdict.ALLOWED : Verdict.DENIED;
    assertThat(e.verdict()).as(e.evidence().toString()).isEqualTo(expected);
    if (expected == Verdict.ALLOWED) {
      assertThat(e.evidence()).singleElement().asString().contains(role.roleName());
      assertThat(e.fix()).isEmpty();
    } else {
      assertThat(e.fix()).isPresent();
    }
  }

  static Stream<Arguments> notAbove() {
    String secret = VAULT_ID + "/secrets/obj";
    return Stream.of(
        Arguments.of("a sibling secret", VAULT_ID + "/secrets/obj2"),
        Arguments.of("a secret whose name extends it", VAULT_ID + "/secrets/ob"),
        Arguments.of("another vault", VAULT_ID + "2"),
        Arguments.of("another resource group", SUB + "/resourceGroups/rg-other"),
        Arguments.of("another subscription", "/subscriptions/00000000-0000-0000-0000-000000000001"),
        Arguments.of("the object's own child", secret + "/versions/1"));
  }

  /** Where ARM's atScope() was not asked (a list from elsewhere), the local check still holds. */
  @ParameterizedTest(name = "Key Vault Secrets User on {0} does not reach the secret")
  @MethodSource("notAbove")
  void assignmentsElsewhereDoNotCount(String what, String scope) {
    RoleDefinition secretsUser = role("Key Vault Secrets User");
    RoleAssignment a =
        new RoleAssignment(
            "id", scope, "/x/roleDefinitions/" + secretsUser.guid(), OID, "User", Optional.empty());
    Evaluation e =
        RbacEvaluator.evaluate(
            VAULT_ID + "/secrets/obj",
            vault(),
            RequiredAccess.forType(ObjectType.SECRET),
            me(),
            List.of(a),
            Map.of(secretsUser.guid(), secretsUser),
            LeastPrivilege.builtIn());
    assertThat(e.verdict()).isEqualTo(Verdict.DENIED);
  }

  @Test
  void leastPrivilegeIsSecretsUserOnTheSecretAndKeyVaultReaderOnTheVault() {
    LeastPrivilege lp = LeastPrivilege.builtIn();
    assertThat(lp.narrowest(RequiredAccess.forType(ObjectType.SECRET).dataAction()))
        .get()
        .satisfies(
            c -> {
              assertThat(c.role().roleName()).isEqualTo("Key Vault Secrets User");
              assertThat(c.extras())
                  .containsExactly("Microsoft.KeyVault/vaults/secrets/readMetadata/action");
              assertThat(c.revealsValues()).isTrue();
              assertThat(c.narrowEnough()).isTrue();
            });
    for (ObjectType type : List.of(ObjectType.KEY, ObjectType.CERT)) {
      assertThat(lp.narrowest(RequiredAccess.forType(type).dataAction()))
          .get()
          .satisfies(
              c -> {
                // Not Crypto User (decrypt, sign...) nor Certificate User (every secret value).
                assertThat(c.role().roleName()).isEqualTo("Key Vault Reader");
                assertThat(c.revealsValues()).isFalse();
                assertThat(c.extras())
                    .allSatisfy(
                        x ->
                            assertThat(KeyVaultDataActions.exposure(x))
                                .isEqualTo(KeyVaultDataActions.Exposure.READ));
              });
    }
  }

  @Test
  void theFixAssignsOnTheVaultOnlyWhenTheRoleRevealsNoValue() {
    Evaluation secret = deniedFor(ObjectType.SECRET, me());
    assertThat(secret.fix())
        .contains(
            "az role assignment create --role \"Key Vault Secrets User\" --assignee-object-id "
                + OID
                + " --assignee-principal-type ServicePrincipal --scope "
                + VAULT_ID
                + "/secrets/obj");
    assertThat(secret.notes())
        .anySatisfy(n -> assertThat(n).contains("on this secret only").contains("rbac-guide"));
    Evaluation key = deniedFor(ObjectType.KEY, me());
    assertThat(key.fix())
        .contains(
            "az role assignment create --role \"Key Vault Reader\" --assignee-object-id "
                + OID
                + " --assignee-principal-type ServicePrincipal --scope "
                + VAULT_ID);
    assertThat(key.notes())
        .anySatisfy(n -> assertThat(n).contains("on the vault, as Microsoft recommends"))
        .anySatisfy(
            n ->
                assertThat(n)
                    .startsWith("\"Key Vault Reader\" also grants metadata and public reads:")
                    .contains("certificates/read"));
  }

  @Test
  void thePrincipalTypeComesFromGraphOrIsLeftOut() {
    Principal user =
        new Principal(
            OID, Optional.empty(), Optional.empty(), "given object id", Optional.of("User"));
    assertThat(deniedFor(ObjectType.SECRET, user).fix().orElseThrow())
        .contains("--assignee-principal-type User ");
    Principal unknown =
        new Principal(OID, Optional.empty(), Optional.empty(), "given object id", Optional.empty());
    assertThat(deniedFor(ObjectType.SECRET, unknown).fix().orElseThrow())
        .doesNotContain("--assignee-principal-type");
  }

  @Test
  void withoutANarrowBuiltInRoleTheFixCreatesACustomRoleForTheOneAction() {
    // A catalogue where only Secrets Officer reads secret values (writes and deletes too).
    LeastPrivilege officerOnly =
        new LeastPrivilege(List.of(role("Key Vault Secrets Officer")), KeyVaultDataActions.all());
    Evaluation e =
        RbacEvaluator.evaluate(
            VAULT_ID + "/secrets/obj",
            vault(),
            RequiredAccess.forType(ObjectType.SECRET),
            me(),
            List.of(),
            Map.of(),
            officerOnly);
    assertThat(e.fix().orElseThrow())
        .startsWith(
            "az role definition create --role-definition '{\"Name\": \"kvflex"
                + " secrets/getSecret/action\"")
        .contains("\"DataActions\": [\"Microsoft.KeyVault/vaults/secrets/getSecret/action\"]")
        .contains("\"AssignableScopes\": [\"" + VAULT_ID + "\"]")
        .endsWith(
            " && az role assignment create --role \"kvflex secrets/getSecret/action\""
                + " --assignee-object-id "
                + OID
                + " --assignee-principal-type ServicePrincipal --scope "
                + VAULT_ID
                + "/secrets/obj");
    assertThat(e.notes())
        .singleElement()
        .asString()
        .contains("no built-in role is narrow enough")
        .contains("Key Vault Secrets Officer")
        .contains("changes and deletes");
  }

  @Test
  void grantingMoreThanNeededIsNotedForEveryOverBroadRoleNotOnlyWildcards() {
    // Certificate User names its actions one by one, yet reads every secret value: flagged.
    RoleDefinition certUser = role("Key Vault Certificate User");
    Evaluation e =
        RbacEvaluator.evaluate(
            VAULT_ID + "/certificates/obj",
            vault(),
            RequiredAccess.forType(ObjectType.CERT),
            me(),
            List.of(assignment(VAULT_ID, certUser, OID, "ServicePrincipal")),
            Map.of(certUser.guid(), certUser),
            LeastPrivilege.builtIn());
    assertThat(e.verdict()).isEqualTo(Verdict.ALLOWED);
    assertThat(e.notes())
        .singleElement()
        .asString()
        .contains("grants more than needed")
        .contains("secret values or private-key use: secrets/getSecret/action")
        .endsWith("\"Key Vault Reader\" is enough");
  }

  static Stream<Arguments> escalations() {
    return Stream.of(
        Arguments.of(true, "Owner", "any role"),
        Arguments.of(true, "User Access Administrator", "any role"),
        Arguments.of(true, "Role Based Access Control Administrator", "any role"),
        Arguments.of(
            true, "Key Vault Data Access Administrator", "the roles the role's condition allows"),
        Arguments.of(true, "Contributor", null),
        Arguments.of(true, "Key Vault Administrator", null),
        Arguments.of(false, "Contributor", "access policy"),
        Arguments.of(false, "Key Vault Contributor", "access policy"),
        Arguments.of(false, "Owner", "access policy"),
        Arguments.of(false, "Reader", null),
        Arguments.of(false, "Key Vault Data Access Administrator", null));
  }

  @ParameterizedTest(name = "rbac vault {0}: {1} -> {2}")
  @MethodSource("escalations")
  void rolesThatLetTheIdentityGrantItselfAccessAreNoted(
      boolean rbac, String roleName, String expected) {
    RoleDefinition r = role(roleName);
    VaultInfo v = rbac ? vault() : accessPolicyVault();
    List<String> notes =
        EscalationPaths.notes(
            v, me(), List.of(assignment(RG, r, GROUP, "Group")), Map.of(r.guid(), r));
    if (expected == null) {
      assertThat(notes).isEmpty();
    } else {
      assertThat(notes)
          .singleElement()
          .asString()
          .startsWith("escalation: role \"" + roleName + "\" at resource group rg-apps via group")
          .contains(expected);
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static Evaluation deniedFor(ObjectType type, Principal who) {
    Evaluation e =
        RbacEvaluator.evaluate(
            VAULT_ID + "/" + RequiredAccess.forType(type).scopeSegment() + "/obj",
            vault(),
            RequiredAccess.forType(type),
            who,
            List.of(),
            Map.of(),
            LeastPrivilege.builtIn());
    assertThat(e.verdict()).isEqualTo(Verdict.DENIED);
    return e;
  }

  static RoleAssignment assignment(String scope, RoleDefinition role, String who, String type) {
    return new RoleAssignment(
        scope + "/providers/Microsoft.Authorization/roleAssignments/" + role.guid(),
        scope,
        "/providers/Microsoft.Authorization/roleDefinitions/" + role.guid(),
        who,
        type,
        Optional.empty());
  }

  static RoleDefinition role(String name) {
    return BuiltInRoles.all().stream()
        .filter(r -> r.roleName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  static Principal me() {
    return Principal.servicePrincipal(OID, Optional.empty(), Optional.empty(), "test");
  }

  static VaultInfo vault() {
    return new VaultInfo(
        VAULT_ID,
        ArmShapes.VAULT,
        TENANT,
        true,
        List.of(),
        Optional.empty(),
        Optional.empty(),
        0,
        0);
  }

  static VaultInfo accessPolicyVault() {
    return new VaultInfo(
        VAULT_ID,
        ArmShapes.VAULT,
        TENANT,
        false,
        List.of(),
        Optional.empty(),
        Optional.empty(),
        0,
        0);
  }

  private static RoleDefinition custom(String name, RoleDefinition.PermissionBlock... blocks) {
    String guid =
        java.util.UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    return new RoleDefinition(
        "/subscriptions/"
            + ArmShapes.SUB
            + "/providers/Microsoft.Authorization/roleDefinitions/"
            + guid,
        name,
        false,
        List.of(blocks));
  }

  private static RoleDefinition.PermissionBlock block(List<String> data, List<String> notData) {
    return new RoleDefinition.PermissionBlock(data, notData);
  }
}
