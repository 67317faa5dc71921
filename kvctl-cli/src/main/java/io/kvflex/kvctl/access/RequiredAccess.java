package io.kvflex.kvctl.access;

import io.kvflex.options.ObjectType;

/**
 * What the driver's single GET of one object needs, in both permission models. The driver writes
 * only the public part of keys and certificates, so {@code cert} needs {@code certificates/read}
 * and no secret access (a certificate's private key is its backing secret, {@code secret/NAME}).
 * Which role grants it is {@link LeastPrivilege}'s answer, from the published role definitions.
 *
 * @param dataAction the RBAC data action the GET is authorised against
 * @param policyCategory access-policy category ({@code secrets}, {@code keys}, {@code
 *     certificates})
 * @param policyPermission access-policy permission within the category
 * @param scopeSegment the object's scope segment under the vault id ({@code secrets} etc.)
 */
public record RequiredAccess(
    String dataAction, String policyCategory, String policyPermission, String scopeSegment) {

  public static RequiredAccess forType(ObjectType type) {
    return switch (type) {
      case SECRET ->
          new RequiredAccess(
              "Microsoft.KeyVault/vaults/secrets/getSecret/action", "secrets", "get", "secrets");
      case KEY -> new RequiredAccess("Microsoft.KeyVault/vaults/keys/read", "keys", "get", "keys");
      case CERT ->
          new RequiredAccess(
              "Microsoft.KeyVault/vaults/certificates/read", "certificates", "get", "certificates");
    };
  }

  /** {@code secret}, {@code key} or {@code certificate}. */
  public String objectWord() {
    return scopeSegment.substring(0, scopeSegment.length() - 1);
  }
}
