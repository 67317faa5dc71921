package io.kvflex.localvault;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.localvault.seed.Seed;
import io.kvflex.localvault.seed.SeedLoader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * localvault's ARM and Graph over HTTPS, and its data plane for RBAC and group access policies, all
 * from one seed: the same role assignments ARM lists are the ones the vault enforces.
 */
class ArmAndGraphTest {
  static final String TENANT = "6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
  static final String SUB = "7b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e";
  static final String RBAC_ID =
      "/subscriptions/" + SUB + "/resourceGroups/apps/providers/Microsoft.KeyVault/vaults/rbac-kv";

  static final String SEED =
      """
      tenants:
        - id: %s
      servicePrincipals:
        - name: app
          clientSecret: app-secret
        - name: auditor
          clientSecret: auditor-secret
        - name: stranger
          clientSecret: stranger-secret
      groups:
        - name: readers
          members: [app]
      arm:
        subscriptions:
          - id: %s
            name: apps
            resourceGroups: [apps]
        roleAssignments:
          - principal: auditor
            role: Reader
            scope: subscription apps
          - principal: readers
            role: Key Vault Secrets User
            scope: vault rbac-kv
        denyAssignments:
          - name: not-db
            scope: vault rbac-kv secret db
            principals: [app]
            dataActions: [Microsoft.KeyVault/vaults/secrets/getSecret/action]
      vaults:
        - name: rbac-kv
          enableRbacAuthorization: true
          resourceGroup: apps
          secrets:
            - name: db
              value: db-value
            - name: api
              value: api-value
        - name: ap-kv
          access:
            - identity: readers
              secrets: [get]
          secrets:
            - name: legacy
              value: legacy-value
      """
          .formatted(TENANT, SUB);

  static Seed seed;
  static LocalVault lv;
  static Raw raw;

  @BeforeAll
  static void start() {
    // The shared vault writes the hosts file first; ours adds its names (all are 127.0.0.1).
    LocalVault shared = TestVaults.shared();
    seed = SeedLoader.parse("arm.yaml", SEED);
    lv = LocalVault.start(LocalVaultConfig.of(seed));
    List<String> names = new ArrayList<>(shared.hostNames());
    names.addAll(lv.hostNames());
    StringBuilder hosts = new StringBuilder();
    names.stream().distinct().forEach(n -> hosts.append("127.0.0.1 ").append(n).append('\n'));
    AtomicFiles.write(
        Path.of(System.getProperty("localvault.testHosts", "target/test-hosts")), hosts.toString());
    raw = new Raw(lv);
  }

  @AfterAll
  static void stop() {
    lv.close();
  }

  @Test
  void armServesTheVaultWithItsPermissionModelToACallerWithReader() {
    Map<String, Object> rbac = Raw.json(arm("auditor", RBAC_ID + "?api-version=2026-02-01"));
    assertThat(rbac.get("id")).isEqualTo(RBAC_ID);
    assertThat(props(rbac)).containsEntry("enableRbacAuthorization", true);
    assertThat(props(rbac)).containsEntry("tenantId", TENANT);

    String apId =
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/localvault/providers/Microsoft.KeyVault/vaults/ap-kv";
    HttpResponse<String> ap = arm("auditor", apId + "?api-version=2026-02-01");
    // Reader sits on subscription "apps", not on the default subscription of ap-kv.
    assertThat(ap.statusCode()).isEqualTo(403);
    assertThat(Raw.error(ap))
        .containsEntry("code", "AuthorizationFailed")
        .extractingByKey("message")
        .asString()
        .contains("'Microsoft.KeyVault/vaults/read' over scope '" + apId + "'");
  }

  @Test
  void armAnswersLikeArmWithoutAToken() {
    HttpResponse<String> r =
        raw.send(
            HttpRequest.newBuilder(URI.create(armBase() + RBAC_ID + "?api-version=2026-02-01")));
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(Raw.error(r)).containsEntry("code", "AuthenticationFailed");
    assertThat(r.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer ");
  }

  @Test
  void roleAndDenyAssignmentsAreListedAtScopeForThePrincipalAndItsGroups() {
    String app = objectId("app");
    Map<String, Object> ra =
        Raw.json(
            arm(
                "auditor",
                RBAC_ID
                    + "/secrets/db/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$filter="
                    + Raw.enc("atScope() and assignedTo('" + app + "')").replace("+", "%20")));
    assertThat(values(ra))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(props(a)).containsEntry("scope", RBAC_ID);
              assertThat(props(a)).containsEntry("principalType", "Group");
              assertThat((String) props(a).get("roleDefinitionId"))
                  .endsWith("/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6");
            });
    Map<String, Object> deny =
        Raw.json(
            arm(
                "auditor",
                RBAC_ID
                    + "/secrets/db/providers/Microsoft.Authorization/denyAssignments?api-version=2022-04-01&$filter=atScope()"));
    assertThat(values(deny))
        .singleElement()
        .satisfies(d -> assertThat(props(d)).containsEntry("denyAssignmentName", "not-db"));
    Map<String, Object> def =
        Raw.json(
            arm(
                "stranger",
                "/subscriptions/"
                    + SUB
                    + "/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6?api-version=2022-04-01"));
    assertThat(props(def)).containsEntry("roleName", "Key Vault Secrets User");
  }

  @Test
  void graphResolvesAppIdsObjectTypesAndTransitiveGroups() {
    String app = objectId("app");
    Map<String, Object> sps =
        Raw.json(
            graph(
                "GET",
                "/v1.0/servicePrincipals?$filter="
                    + Raw.enc("appId eq '" + clientId("app") + "'").replace("+", "%20")));
    assertThat(values(sps)).singleElement().satisfies(s -> assertThat(s).containsEntry("id", app));
    String readers = seed.controlPlane().groups().get(0).objectId();
    assertThat(Raw.json(graph("GET", "/v1.0/directoryObjects/" + readers)))
        .containsEntry("@odata.type", "#microsoft.graph.group");
    assertThat(Raw.json(graph("POST", "/v1.0/directoryObjects/" + app + "/getMemberObjects")))
        .containsEntry("value", List.of(readers));
    assertThat(graph("GET", "/v1.0/directoryObjects/not-there").statusCode()).isEqualTo(404);
  }

  @Test
  void theDataPlaneEnforcesTheSameRolesDenyAssignmentsAndGroupPolicies() {
    String appToken = vaultToken("app");
    assertThat(raw.vaultGet("rbac-kv", "secrets/api?api-version=7.4", appToken).statusCode())
        .isEqualTo(200);
    HttpResponse<String> denied = raw.vaultGet("rbac-kv", "secrets/db?api-version=7.4", appToken);
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(Raw.error(denied).get("innererror")).isEqualTo(Map.of("code", "ForbiddenByRbac"));
    assertThat((String) Raw.error(denied).get("message"))
        .contains("Action: 'Microsoft.KeyVault/vaults/secrets/getSecret/action'")
        .contains(
            "DenyAssignmentId: "
                + RBAC_ID.toString()
                + "/secrets/db/providers/Microsoft.Authorization/denyAssignments/");
    assertThat(
            raw.vaultGet("rbac-kv", "secrets/api?api-version=7.4", vaultToken("stranger"))
                .statusCode())
        .isEqualTo(403);
    // An access-policy vault: the group's entry lets its member in, nobody else.
    assertThat(raw.vaultGet("ap-kv", "secrets/legacy?api-version=7.4", appToken).statusCode())
        .isEqualTo(200);
    HttpResponse<String> policy =
        raw.vaultGet("ap-kv", "secrets/legacy?api-version=7.4", vaultToken("stranger"));
    assertThat(Raw.error(policy).get("innererror")).isEqualTo(Map.of("code", "ForbiddenByPolicy"));
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static String armBase() {
    return "https://" + lv.hosts().managementHost() + ":" + lv.httpsPort();
  }

  private static HttpResponse<String> arm(String sp, String pathAndQuery) {
    return raw.send(
        HttpRequest.newBuilder(URI.create(armBase() + pathAndQuery))
            .header("Authorization", "Bearer " + token(sp, armBase() + "/.default")));
  }

  private static HttpResponse<String> graph(String method, String pathAndQuery) {
    String base = "https://" + lv.hosts().graphHost() + ":" + lv.httpsPort();
    return raw.send(
        HttpRequest.newBuilder(URI.create(base + pathAndQuery))
            .header("Authorization", "Bearer " + token("auditor", base + "/.default"))
            .header("Content-Type", "application/json")
            .method(
                method,
                method.equals("POST")
                    ? HttpRequest.BodyPublishers.ofString("{\"securityEnabledOnly\": false}")
                    : HttpRequest.BodyPublishers.noBody()));
  }

  private static String vaultToken(String sp) {
    return token(sp, lv.vaultScope());
  }

  private static String token(String sp, String scope) {
    HttpResponse<String> r =
        raw.tokenRequest(
            TENANT,
            "grant_type=client_credentials&client_id="
                + clientId(sp)
                + "&client_secret="
                + Raw.enc(sp + "-secret")
                + "&scope="
                + Raw.enc(scope));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return (String) Raw.json(r).get("access_token");
  }

  private static String clientId(String sp) {
    return seed.servicePrincipals().stream()
        .filter(s -> s.name().equals(sp))
        .findFirst()
        .orElseThrow()
        .clientId();
  }

  private static String objectId(String sp) {
    return seed.servicePrincipals().stream()
        .filter(s -> s.name().equals(sp))
        .findFirst()
        .orElseThrow()
        .objectId();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> props(Map<String, Object> resource) {
    return (Map<String, Object>) resource.get("properties");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> values(Map<String, Object> list) {
    return (List<Map<String, Object>>) list.get("value");
  }
}
