package io.kvflex.kvctl.access;

import java.util.List;
import java.util.stream.Collectors;

/**
 * ARM and Graph response bodies in their documented shapes (Key Vault 2026-02-01 vault resource,
 * Microsoft.Authorization 2022-04-01 role assignments and definitions, Graph v1.0), with every
 * field a real response carries even where check-access ignores it.
 */
final class ArmShapes {
  static final String TENANT = "3c5e8a1f-2b7d-4e9a-b1c3-d5e7f9a1b3c5";
  static final String SUB = "9b2a1c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d";
  static final String RG = "rg-apps";
  static final String VAULT = "kv-demo";
  static final String VAULT_ID =
      "/subscriptions/"
          + SUB
          + "/resourceGroups/"
          + RG
          + "/providers/Microsoft.KeyVault/vaults/"
          + VAULT;
  static final String APP_ID = "0f3c2b1a-9d8e-4f7a-b6c5-d4e3f2a1b0c9";
  static final String OID = "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9";
  static final String GROUP = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d";
  static final String OTHER_SP = "c0ffee00-1111-4222-8333-444455556666";

  static final String SECRETS_USER = "4633458b-17de-408a-b874-0445c86b69e6";
  static final String KV_READER = "21090545-7ca7-4776-b22c-e363652d74d2";
  static final String CRYPTO_OFFICER = "14b46e9e-c2b7-41b4-b07b-48a6ebf60603";
  static final String CUSTOM_NO_SECRETS = "6d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a";

  private ArmShapes() {}

  static String roleDefinitionId(String guid) {
    return "/subscriptions/" + SUB + "/providers/Microsoft.Authorization/roleDefinitions/" + guid;
  }

  static String vault(
      boolean rbac, String accessPoliciesJson, String publicNetworkAccess, String defaultAction) {
    return """
        {
          "id": "%s",
          "name": "%s",
          "type": "Microsoft.KeyVault/vaults",
          "location": "westeurope",
          "tags": {},
          "systemData": {"createdBy": "ops@contoso.com", "createdByType": "User", "createdAt": "2025-03-01T10:00:00Z"},
          "properties": {
            "sku": {"family": "A", "name": "standard"},
            "tenantId": "%s",
            "accessPolicies": %s,
            "enabledForDeployment": false,
            "enabledForDiskEncryption": false,
            "enabledForTemplateDeployment": false,
            "enableSoftDelete": true,
            "softDeleteRetentionInDays": 90,
            %s
            "vaultUri": "https://%s.vault.azure.net/",
            "provisioningState": "Succeeded",
            "publicNetworkAccess": "%s",
            "networkAcls": {"bypass": "AzureServices", "defaultAction": "%s", "ipRules": [{"value": "203.0.113.0/24"}], "virtualNetworkRules": []}
          }
        }
        """
        .formatted(
            VAULT_ID,
            VAULT,
            TENANT,
            accessPoliciesJson,
            rbac ? "\"enableRbacAuthorization\": true," : "\"enableRbacAuthorization\": null,",
            VAULT,
            publicNetworkAccess,
            defaultAction);
  }

  static String accessPolicy(
      String objectId, String applicationId, String secrets, String keys, String certificates) {
    return """
        {"tenantId": "%s", "objectId": "%s",%s "permissions": {"keys": [%s], "secrets": [%s], "certificates": [%s], "storage": []}}"""
        .formatted(
            TENANT,
            objectId,
            applicationId == null ? "" : " \"applicationId\": \"" + applicationId + "\",",
            quote(keys),
            quote(secrets),
            quote(certificates));
  }

  static String roleAssignment(
      String name,
      String scope,
      String roleGuid,
      String principalId,
      String principalType,
      String condition) {
    return """
        {
          "id": "%s/providers/Microsoft.Authorization/roleAssignments/%s",
          "name": "%s",
          "type": "Microsoft.Authorization/roleAssignments",
          "properties": {
            "roleDefinitionId": "%s",
            "principalId": "%s",
            "principalType": "%s",
            "scope": "%s",
            "condition": %s,
            "conditionVersion": %s,
            "createdOn": "2025-06-01T08:00:00.0000000Z",
            "updatedOn": "2025-06-01T08:00:00.0000000Z",
            "createdBy": "d93a38bc-d029-4160-bfb0-fbda779ac214",
            "updatedBy": "d93a38bc-d029-4160-bfb0-fbda779ac214",
            "delegatedManagedIdentityResourceId": null,
            "description": null
          }
        }"""
        .formatted(
            scope,
            name,
            name,
            roleDefinitionId(roleGuid),
            principalId,
            principalType,
            scope,
            condition == null ? "null" : "\"" + condition.replace("\"", "\\\"") + "\"",
            condition == null ? "null" : "\"2.0\"");
  }

  static String roleDefinition(
      String guid,
      String roleName,
      boolean builtIn,
      List<String> dataActions,
      List<String> notDataActions) {
    return roleDefinition(
        guid, roleName, builtIn, List.of(), List.of(), dataActions, notDataActions);
  }

  static String roleDefinition(
      String guid,
      String roleName,
      boolean builtIn,
      List<String> actions,
      List<String> notActions,
      List<String> dataActions,
      List<String> notDataActions) {
    return """
        {
          "id": "%s",
          "name": "%s",
          "type": "Microsoft.Authorization/roleDefinitions",
          "properties": {
            "roleName": "%s",
            "type": "%s",
            "description": "test role",
            "assignableScopes": ["/"],
            "permissions": [{"actions": [%s], "notActions": [%s], "dataActions": [%s], "notDataActions": [%s]}],
            "createdOn": "2020-05-19T17:52:46.2349235Z",
            "updatedOn": "2021-11-11T20:14:31.5643520Z",
            "createdBy": null,
            "updatedBy": null
          }
        }"""
        .formatted(
            roleDefinitionId(guid),
            guid,
            roleName,
            builtIn ? "BuiltInRole" : "CustomRole",
            quoteAll(actions),
            quoteAll(notActions),
            quoteAll(dataActions),
            quoteAll(notDataActions));
  }

  /** A secret as ARM shows it ({@code Microsoft.KeyVault/vaults/secrets}): attributes, no value. */
  static String secretResource(boolean enabled) {
    return """
        {"id": "%s/secrets/s", "name": "s", "type": "Microsoft.KeyVault/vaults/secrets",
         "properties": {"attributes": {"enabled": %s, "created": 1735689600, "updated": 1735689600,
         "recoveryLevel": "Recoverable+Purgeable"}, "secretUri": "https://%s.vault.azure.net/secrets/s"}}"""
        .formatted(VAULT_ID, enabled, VAULT);
  }

  static String list(List<String> items, String nextLink) {
    return "{\"value\": ["
        + String.join(",", items)
        + "]"
        + (nextLink == null ? "" : ", \"nextLink\": \"" + nextLink + "\"")
        + "}";
  }

  static String servicePrincipals(String appId, String objectId, String displayName) {
    return """
        {
          "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#servicePrincipals(id,appId,displayName,servicePrincipalType)",
          "value": [{"id": "%s", "appId": "%s", "displayName": "%s", "servicePrincipalType": "Application"}]
        }"""
        .formatted(objectId, appId, displayName);
  }

  static String armError(String code, String message) {
    return "{\"error\": {\"code\": \"" + code + "\", \"message\": \"" + message + "\"}}";
  }

  private static String quote(String csv) {
    if (csv == null || csv.isEmpty()) {
      return "";
    }
    return quoteAll(List.of(csv.split(",")));
  }

  private static String quoteAll(List<String> items) {
    return items.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(", "));
  }
}
