package io.kvflex.localvault.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The seed's ARM and Graph declarations: the tree, roles, assignments, and every error. */
class ControlPlaneParserTest {
  static final String SUB = "11111111-2222-4333-8444-555555555555";
  static final String VAULT_ID =
      "/subscriptions/"
          + SUB
          + "/resourceGroups/rg-apps/providers/Microsoft.KeyVault/vaults/apps-kv";

  static final String SEED =
      """
      tenants:
        - id: t-one
      servicePrincipals:
        - name: app
          clientSecret: s
      managedIdentities:
        - name: node
      groups:
        - name: readers
          members: [app, nested]
        - name: nested
          members: [node]
      arm:
        managementGroups:
          - name: platform
          - name: prod
            parent: platform
        subscriptions:
          - id: %s
            name: apps
            managementGroup: prod
            resourceGroups: [rg-apps]
        roleDefinitions:
          - name: Secret Lister
            dataActions: [Microsoft.KeyVault/vaults/secrets/readMetadata/action]
        roleAssignments:
          - principal: readers
            role: Key Vault Secrets User
            scope: managementGroup platform
          - principal: app
            role: Secret Lister
            scope: vault apps-kv secret db
          - principal: node
            role: 21090545-7ca7-4776-b22c-e363652d74d2
            scope: %s/keys/signing
          - principal: app
            role: Reader
            scope: root
        denyAssignments:
          - name: no-values
            scope: resourceGroup rg-apps
            principals: [everyone]
            excludePrincipals: [node]
            dataActions: [Microsoft.KeyVault/vaults/secrets/getSecret/action]
      vaults:
        - name: apps-kv
          enableRbacAuthorization: true
          resourceGroup: rg-apps
          secrets:
            - name: db
              value: x
          keys:
            - name: signing
        - name: legacy-kv
      """
          .formatted(SUB, VAULT_ID);

  @Test
  void parsesTheTreeRolesAndAssignmentsWithCanonicalScopes() {
    ControlPlaneSpec cp = SeedLoader.parse("cp.yaml", SEED).controlPlane();

    assertThat(cp.groups()).extracting(GroupSpec::name).containsExactly("readers", "nested");
    assertThat(cp.groups().get(0).members()).hasSize(2).contains(cp.groups().get(1).objectId());
    assertThat(cp.managementGroups())
        .extracting(ManagementGroupSpec::name, ManagementGroupSpec::parent)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("platform", "t-one"),
            org.assertj.core.groups.Tuple.tuple("prod", "platform"));
    assertThat(cp.subscriptions())
        .extracting(SubscriptionSpec::id)
        .containsExactly(SUB, ControlPlaneSpec.DEFAULT_SUBSCRIPTION);
    assertThat(cp.placement("apps-kv").orElseThrow())
        .isEqualTo(new VaultPlacement("apps-kv", SUB, "rg-apps", true));
    assertThat(cp.placement("legacy-kv").orElseThrow())
        .isEqualTo(
            new VaultPlacement(
                "legacy-kv",
                ControlPlaneSpec.DEFAULT_SUBSCRIPTION,
                ControlPlaneSpec.DEFAULT_RESOURCE_GROUP,
                false));
    assertThat(cp.roleAssignments())
        .extracting(RoleAssignmentSpec::scope, RoleAssignmentSpec::principalType)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "/providers/Microsoft.Management/managementGroups/platform", "Group"),
            org.assertj.core.groups.Tuple.tuple(VAULT_ID + "/secrets/db", "ServicePrincipal"),
            org.assertj.core.groups.Tuple.tuple(VAULT_ID + "/keys/signing", "ServicePrincipal"),
            org.assertj.core.groups.Tuple.tuple("/", "ServicePrincipal"));
    assertThat(cp.roleAssignments().get(2).roleGuid())
        .isEqualTo("21090545-7ca7-4776-b22c-e363652d74d2");
    assertThat(cp.roleDefinitions())
        .filteredOn(r -> !r.builtIn())
        .singleElement()
        .satisfies(r -> assertThat(r.roleName()).isEqualTo("Secret Lister"));
    assertThat(cp.denyAssignments())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.scope()).isEqualTo("/subscriptions/" + SUB + "/resourceGroups/rg-apps");
              assertThat(d.principals()).containsExactly(DenyAssignmentSpec.EVERYONE);
              assertThat(d.excludePrincipals()).hasSize(1);
            });
  }

  @Test
  void aSeedWithoutArmGetsAccessPolicyVaultsInTheDefaultSubscription() {
    Seed s = SeedLoader.parse("plain.yaml", "vaults:\n  - name: plain-kv\n");
    assertThat(s.controlPlane().placement("plain-kv").orElseThrow().rbac()).isFalse();
    assertThat(s.controlPlane().roleDefinitions())
        .allMatch(RoleDefinitionSpec::builtIn)
        .isNotEmpty();
  }

  @Test
  void accessPoliciesMayNameGroups() {
    Seed s =
        SeedLoader.parse(
            "g.yaml",
            """
            servicePrincipals:
              - name: app
                clientSecret: s
            groups:
              - name: team
                members: [app]
            vaults:
              - name: team-kv
                access:
                  - identity: team
                    secrets: [get]
            """);
    assertThat(s.vaults().get(0).access().get(0).identity())
        .isEqualTo(s.controlPlane().groups().get(0).objectId());
  }

  @Test
  void everyBadReferenceNamesFileAndLine() {
    assertErrorAt(
        "principal: readers",
        "principal: nobody",
        "arm.roleAssignments[0].principal: no service principal, managed identity or group named 'nobody'");
    assertErrorAt(
        "role: Key Vault Secrets User",
        "role: Key Vault Secret User",
        "arm.roleAssignments[0].role: no role named 'Key Vault Secret User'");
    assertErrorAt(
        "scope: vault apps-kv secret db",
        "scope: vault apps-kv secret nope",
        "arm.roleAssignments[1].scope: vault apps-kv has no secret named 'nope'");
    assertErrorAt(
        "scope: managementGroup platform",
        "scope: managementGroup nowhere",
        "arm.roleAssignments[0].scope: no management group named 'nowhere'");
    assertErrorAt(
        "scope: root",
        "scope: the whole world",
        "arm.roleAssignments[3].scope: 'the whole world' is not a scope");
    assertErrorAt(
        "    parent: platform",
        "    parent: prod",
        "arm.managementGroups[1].parent: management group 'prod' is its own ancestor");
    assertErrorAt(
        "resourceGroup: rg-apps\n",
        "resourceGroup: rg-none\n",
        "vaults[0].resourceGroup: no subscription declares resource group 'rg-none'");
    assertErrorAt(
        "      scope: root",
        "      scope: root\n      condition: \"x\"",
        "arm.roleAssignments[3].condition: ABAC conditions are not evaluated");
    assertErrorAt(
        "    members: [node]",
        "    members: [nested]",
        "groups[1].members[0]: group 'nested' cannot be a member of itself");
  }

  /**
   * Replaces {@code from} by {@code to} in the seed and expects the error at the line where the
   * last line of {@code to} now is.
   */
  private static void assertErrorAt(String from, String to, String message) {
    assertThat(SEED).contains(from);
    String yaml = SEED.replace(from, to);
    String[] toLines = to.split("\n");
    String marker = toLines[toLines.length - 1];
    int line = yaml.substring(0, yaml.indexOf(to) + to.lastIndexOf(marker)).split("\n", -1).length;
    assertError(yaml, "cp.yaml:" + line + ": " + message);
  }

  private static void assertError(String yaml, String expectedPrefix) {
    assertThatThrownBy(() -> SeedLoader.parse("cp.yaml", yaml))
        .isInstanceOf(SeedException.class)
        .hasMessageStartingWith(expectedPrefix);
  }
}
