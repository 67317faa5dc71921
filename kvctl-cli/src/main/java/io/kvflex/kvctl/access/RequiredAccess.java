package io.kvflex.kvctl.access;

import io.kvflex.options.ObjectType;

/**
 * What the driver's single GET of one object needs, in both permission models, and the
 * least-privilege built-in role that grants it. The driver writes only the public part of keys and
 * certificates, so {@code cert} needs {@code certificates/read} and no secret access.
 *
 * @param dataAction the RBAC data action the GET is authorised against
 * @param policyCategory access-policy category ({@code secrets}, {@code keys}, {@code
 *     certificates})
 * @param policyPermission access-policy permission within the category
 * @param roleName least-privilege built-in role to recommend
 * @param roleGuid that role's definition GUID (same in every cloud)
 * @param scopeSegment the object's scope segment under the vault id ({@code secrets} etc.)
 */
public record RequiredAccess(
    String dataAction,
    String policyCategory,
    String policyPermission,
    String roleName,
    String roleGuid,
    String scopeSegment) {

  public static RequiredAccess forType(ObjectType type) {
    return switch (type) {
      case SECRET ->
          new RequiredAccess(
              "Microsoft.KeyVault/vaults/secrets/getSecret/action",
              "secrets",
              "get",
              "Key Vault Secrets User",
              "4633458b-17de-408a-b874-0445c86b69e6",
              "secrets");
      case KEY ->
          new RequiredAccess(
              "Microsoft.KeyVault/vaults/keys/read",
              "keys",
              "get",
              "Key Vault Crypto User",
              "12338af0-0e69-4776-bea7-57ae8d297424",
              "keys");
      case CERT ->
          new RequiredAccess(
              "Microsoft.KeyVault/vaults/certificates/read",
              "certificates",
              "get",
              "Key Vault Certificate User",
              "db79e9a7-68ee-4b58-9aeb-b90e7c24fcba",
              "certificates");
    };
  }
}
