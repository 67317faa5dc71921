package io.kvflex.localvault.arm;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.localvault.seed.ManagedIdentitySpec;
import io.kvflex.localvault.seed.Seed;
import io.kvflex.localvault.seed.SeedLoader;
import io.kvflex.localvault.seed.ServicePrincipalSpec;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Azure RBAC decisions: inheritance through management groups, groups, deny assignments. */
class ControlPlaneTest {
  static final String SUB = "11111111-2222-4333-8444-555555555555";
  static final String VAULT =
      "/subscriptions/"
          + SUB
          + "/resourceGroups/rg-apps/providers/Microsoft.KeyVault/vaults/apps-kv";
  static final String GET_SECRET = "Microsoft.KeyVault/vaults/secrets/getSecret/action";
  static final String READ_KEY = "Microsoft.KeyVault/vaults/keys/read";

  static final Seed SEED =
      SeedLoader.parse(
          "cp.yaml",
          """
          tenants:
            - id: t-one
          servicePrincipals:
            - name: app
              clientSecret: s
            - name: other
              clientSecret: s
            - name: exempt
              clientSecret: s
          managedIdentities:
            - name: node
          groups:
            - name: outer
              members: [inner]
            - name: inner
              members: [app, exempt]
          arm:
            managementGroups:
              - name: platform
              - name: prod
                parent: platform
            subscriptions:
              - id: %s
                managementGroup: prod
                resourceGroups: [rg-apps]
            roleAssignments:
              - principal: outer
                role: Key Vault Secrets User
                scope: managementGroup platform
              - principal: node
                role: Key Vault Reader
                scope: vault apps-kv
              - principal: other
                role: Reader
                scope: subscription %s
            denyAssignments:
              - name: no-db
                scope: vault apps-kv secret db
                principals: [inner]
                excludePrincipals: [exempt]
                dataActions: [Microsoft.KeyVault/vaults/secrets/*]
                notDataActions: [Microsoft.KeyVault/vaults/secrets/readMetadata/action]
              - name: vault-only
                scope: vault apps-kv
                principals: [everyone]
                dataActions: [Microsoft.KeyVault/vaults/keys/read]
                doNotApplyToChildScopes: true
          vaults:
            - name: apps-kv
              enableRbacAuthorization: true
              resourceGroup: rg-apps
              secrets:
                - name: db
                  value: x
                - name: api
                  value: y
              keys:
                - name: signing
          """
              .formatted(SUB, SUB));

  static final ControlPlane CP = ControlPlane.of(SEED);

  @Test
  void aRoleOnAManagementGroupReachesTheVaultThroughNestedGroups() {
    assertThat(CP.decideDataAction(oid("app"), VAULT + "/secrets/api", GET_SECRET).allowed())
        .isTrue();
    assertThat(CP.decideDataAction(oid("other"), VAULT + "/secrets/api", GET_SECRET).allowed())
        .isFalse();
    assertThat(CP.memberships().groupsOf(oid("app"))).hasSize(2);
  }

  @Test
  void aDenyAssignmentWinsExceptForExcludedPrincipalsAndNotDataActions() {
    Decision denied = CP.decideDataAction(oid("app"), VAULT + "/secrets/db", GET_SECRET);
    assertThat(denied.grantedBy()).isPresent();
    assertThat(denied.deniedBy()).isPresent();
    assertThat(denied.allowed()).isFalse();
    assertThat(CP.decideDataAction(oid("exempt"), VAULT + "/secrets/db", GET_SECRET).allowed())
        .isTrue();
    assertThat(
            CP.decideDataAction(
                    oid("app"),
                    VAULT + "/secrets/db",
                    "Microsoft.KeyVault/vaults/secrets/readMetadata/action")
                .deniedBy())
        .isEmpty();
  }

  @Test
  void doNotApplyToChildScopesDeniesOnlyTheScopeItself() {
    assertThat(CP.decideDataAction(oid("node"), VAULT, READ_KEY).deniedBy()).isPresent();
    assertThat(CP.decideDataAction(oid("node"), VAULT + "/keys/signing", READ_KEY).allowed())
        .isTrue();
  }

  @Test
  void controlPlaneActionsUseActionsNotDataActions() {
    assertThat(CP.decideAction(oid("other"), VAULT, "Microsoft.KeyVault/vaults/read").allowed())
        .isTrue();
    assertThat(CP.decideDataAction(oid("other"), VAULT + "/keys/signing", READ_KEY).allowed())
        .isFalse();
    // Key Vault Reader's actions (vaults/*/read) hold at its scope only.
    assertThat(
            CP.decideAction(
                    oid("node"), VAULT + "/secrets/db", "Microsoft.KeyVault/vaults/secrets/read")
                .allowed())
        .isTrue();
    assertThat(
            CP.decideAction(
                    oid("node"), "/subscriptions/" + SUB, "Microsoft.Resources/subscriptions/read")
                .allowed())
        .isFalse();
  }

  @Test
  void scopesCoverWhatIsBelowThemOnly() {
    ResourceTree t = CP.tree();
    assertThat(t.covers("/", VAULT)).isTrue();
    assertThat(t.covers(ResourceTree.MANAGEMENT_GROUPS + "t-one", VAULT)).isTrue();
    assertThat(t.covers(ResourceTree.MANAGEMENT_GROUPS + "PROD", VAULT.toUpperCase(Locale.ROOT)))
        .isTrue();
    assertThat(t.covers(VAULT, VAULT + "/secrets/db")).isTrue();
    assertThat(t.covers(VAULT + "/secrets/db", VAULT + "/secrets/db2")).isFalse();
    assertThat(t.covers(VAULT + "/secrets/db", VAULT)).isFalse();
    // An undeclared subscription hangs under the first tenant's root group only.
    assertThat(t.covers(ResourceTree.MANAGEMENT_GROUPS + "platform", "/subscriptions/x")).isFalse();
    assertThat(t.covers(ResourceTree.MANAGEMENT_GROUPS + "t-one", "/subscriptions/x")).isTrue();
  }

  private static String oid(String name) {
    return SEED.servicePrincipals().stream()
        .filter(s -> s.name().equals(name))
        .map(ServicePrincipalSpec::objectId)
        .findFirst()
        .or(
            () ->
                SEED.managedIdentities().stream()
                    .filter(m -> m.name().equals(name))
                    .map(ManagedIdentitySpec::objectId)
                    .findFirst())
        .orElseThrow();
  }
}
