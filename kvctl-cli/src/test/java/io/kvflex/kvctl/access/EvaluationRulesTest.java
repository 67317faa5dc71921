package io.kvflex.kvctl.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pure rules: wildcards, NotDataActions, scope coverage, throttling delays. */
class EvaluationRulesTest {
  static final String SECRETS_USER_GUID = ArmShapes.SECRETS_USER;

  @Test
  void actionPatternsAreCaseInsensitiveGlobs() {
    String getSecret = "Microsoft.KeyVault/vaults/secrets/getSecret/action";
    assertThat(ActionPattern.matches("*", getSecret)).isTrue();
    assertThat(ActionPattern.matches("Microsoft.KeyVault/*", getSecret)).isTrue();
    assertThat(ActionPattern.matches("microsoft.keyvault/vaults/secrets/*", getSecret)).isTrue();
    assertThat(ActionPattern.matches("Microsoft.KeyVault/vaults/*/action", getSecret)).isTrue();
    assertThat(ActionPattern.matches("Microsoft.KeyVault/vaults/*/read", getSecret)).isFalse();
    assertThat(
            ActionPattern.matches(
                "Microsoft.KeyVault/vaults/*/read", "Microsoft.KeyVault/vaults/keys/read"))
        .isTrue();
    assertThat(ActionPattern.matches("Microsoft.KeyVault/vaults/keys/*", getSecret)).isFalse();
    assertThat(ActionPattern.matches("Microsoft.KeyVault/vaults/secrets/getSecret", getSecret))
        .isFalse();
  }

  @Test
  void notDataActionsRemoveOnlyWithinTheirOwnBlock() {
    String getSecret = "Microsoft.KeyVault/vaults/secrets/getSecret/action";
    RoleDefinition excludes =
        new RoleDefinition(
            "/providers/x/roleDefinitions/1",
            "custom",
            false,
            List.of(
                new RoleDefinition.PermissionBlock(
                    List.of("Microsoft.KeyVault/vaults/*"), List.of("*/getSecret/action"))));
    assertThat(excludes.grantingPattern(getSecret)).isEmpty();
    assertThat(excludes.excludingPattern(getSecret)).contains("*/getSecret/action");
    assertThat(excludes.grantingPattern("Microsoft.KeyVault/vaults/keys/read"))
        .contains("Microsoft.KeyVault/vaults/*");

    RoleDefinition secondBlockGrants =
        new RoleDefinition(
            "/providers/x/roleDefinitions/2",
            "custom",
            false,
            List.of(
                new RoleDefinition.PermissionBlock(
                    List.of("Microsoft.KeyVault/vaults/*"), List.of("*/getSecret/action")),
                new RoleDefinition.PermissionBlock(List.of(getSecret), List.of())));
    assertThat(secondBlockGrants.grantingPattern(getSecret)).contains(getSecret);
  }

  @Test
  void assignmentsCoverTheirScopeAndEverythingBelowOnly() {
    String vault = ArmShapes.VAULT_ID;
    RoleAssignment atVault =
        new RoleAssignment(
            "id", vault, "/x/roleDefinitions/g", "p", "ServicePrincipal", Optional.empty());
    assertThat(atVault.covers(vault + "/secrets/a")).isTrue();
    assertThat(atVault.covers(vault.toUpperCase(Locale.ROOT))).isTrue();
    assertThat(atVault.covers(vault + "2/secrets/a")).isFalse();
    RoleAssignment atSecret =
        new RoleAssignment(
            "id",
            vault + "/secrets/a",
            "/x/roleDefinitions/g",
            "p",
            "ServicePrincipal",
            Optional.empty());
    assertThat(atSecret.covers(vault + "/secrets/ab")).isFalse();
    assertThat(
            new RoleAssignment("id", "/", "/x/roleDefinitions/g", "p", "Group", Optional.empty())
                .covers(vault))
        .isTrue();
  }

  @Test
  void rbacDeniesWhenOnlySomeoneElseHoldsTheRole() {
    Principal me =
        new Principal("me", Optional.empty(), Optional.empty(), "test", Optional.empty());
    RequiredAccess need = RequiredAccess.forType(io.kvflex.options.ObjectType.SECRET);
    String scope = ArmShapes.VAULT_ID + "/secrets/s";
    RoleAssignment other =
        new RoleAssignment(
            "id",
            ArmShapes.VAULT_ID,
            "/x/roleDefinitions/" + SECRETS_USER_GUID,
            "someone-else",
            "ServicePrincipal",
            Optional.empty());
    RoleDefinition secretsUser =
        new RoleDefinition(
            "/x/roleDefinitions/" + SECRETS_USER_GUID,
            "Key Vault Secrets User",
            true,
            List.of(new RoleDefinition.PermissionBlock(List.of(need.dataAction()), List.of())));
    Evaluation e =
        RbacEvaluator.evaluate(
            scope,
            rbacVault(),
            need,
            me,
            List.of(other),
            Map.of(SECRETS_USER_GUID, secretsUser),
            LeastPrivilege.builtIn());
    assertThat(e.verdict()).isEqualTo(Verdict.DENIED);
    assertThat(e.evidence())
        .containsExactly(
            "no role assignment for the identity or its groups at or above secret s scope");
  }

  @Test
  void missingRoleDefinitionMakesTheAnswerUnsure() {
    Principal me =
        new Principal("me", Optional.empty(), Optional.empty(), "test", Optional.empty());
    RequiredAccess need = RequiredAccess.forType(io.kvflex.options.ObjectType.KEY);
    RoleAssignment mine =
        new RoleAssignment(
            "id",
            ArmShapes.VAULT_ID,
            "/x/roleDefinitions/unknown",
            "me",
            "ServicePrincipal",
            Optional.empty());
    Evaluation e =
        RbacEvaluator.evaluate(
            ArmShapes.VAULT_ID + "/keys/k",
            rbacVault(),
            need,
            me,
            List.of(mine),
            Map.of(),
            LeastPrivilege.builtIn());
    assertThat(e.verdict()).isEqualTo(Verdict.CANNOT_TELL);
    assertThat(e.evidence().get(0)).contains("could not be read");
  }

  @Test
  void accessPolicyAllGrantsAndOtherTenantDoesNot() {
    Principal me =
        new Principal("me", Optional.empty(), Optional.empty(), "test", Optional.empty());
    RequiredAccess need = RequiredAccess.forType(io.kvflex.options.ObjectType.CERT);
    VaultInfo allInTenant =
        vault(
            new AccessPolicyEntry(
                "t1", "ME", Optional.empty(), Map.of("certificates", List.of("All"))));
    assertThat(
            AccessPolicyEvaluator.evaluate(allInTenant, need, me, Optional.of(java.util.Set.of()))
                .verdict())
        .isEqualTo(Verdict.ALLOWED);
    VaultInfo otherTenant =
        vault(
            new AccessPolicyEntry(
                "t2", "me", Optional.empty(), Map.of("certificates", List.of("get"))));
    Evaluation e =
        AccessPolicyEvaluator.evaluate(otherTenant, need, me, Optional.of(java.util.Set.of()));
    assertThat(e.verdict()).isEqualTo(Verdict.DENIED);
    assertThat(e.evidence().get(0)).contains("tenant t2");
  }

  @Test
  void retryDelayHonoursRetryAfterWithinBounds() {
    assertThat(AzureRest.retryDelay("7", 1)).isEqualTo(Duration.ofSeconds(7));
    assertThat(AzureRest.retryDelay("3600", 1)).isEqualTo(AzureRest.MAX_RETRY_AFTER);
    assertThat(AzureRest.retryDelay(null, 1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(AzureRest.retryDelay("Wed, 21 Oct 2015 07:28:00 GMT", 2))
        .isEqualTo(Duration.ofSeconds(4));
    assertThat(AzureRest.retryDelay("-5", 1)).isEqualTo(Duration.ZERO);
  }

  private static VaultInfo rbacVault() {
    return new VaultInfo(
        ArmShapes.VAULT_ID,
        "kv-demo",
        "t1",
        true,
        List.of(),
        Optional.empty(),
        Optional.empty(),
        0,
        0);
  }

  private static VaultInfo vault(AccessPolicyEntry entry) {
    return new VaultInfo(
        ArmShapes.VAULT_ID,
        "kv-demo",
        "t1",
        false,
        List.of(entry),
        Optional.empty(),
        Optional.empty(),
        0,
        0);
  }
}
