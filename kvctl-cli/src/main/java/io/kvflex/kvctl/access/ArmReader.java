package io.kvflex.kvctl.access;

import io.kvflex.errors.RemoteException;
import io.kvflex.errors.UserInputException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The ARM reads check-access makes, parsed into our records. */
final class ArmReader {
  static final String VAULT_API = "2026-02-01";
  static final String AUTHORIZATION_API = "2022-04-01";
  static final String RESOURCES_API = "2021-04-01";
  static final String SUBSCRIPTIONS_API = "2022-12-01";
  static final String IDENTITY_API = "2023-01-31";
  static final String COMPUTE_API = "2024-07-01";

  private final AzureRest arm;
  private final Map<String, Optional<RoleDefinition>> definitions = new HashMap<>();

  ArmReader(AzureRest arm) {
    this.arm = arm;
  }

  /**
   * The vault's resource id: built from subscription and resource group when both are known, else
   * found by listing resources of type {@code Microsoft.KeyVault/vaults} with that name in the
   * given subscription or in every subscription the caller can see (vault names are globally
   * unique).
   */
  String locateVault(String name, Optional<String> subscription, Optional<String> resourceGroup) {
    if (subscription.isPresent() && resourceGroup.isPresent()) {
      return "/subscriptions/"
          + subscription.get()
          + "/resourceGroups/"
          + resourceGroup.get()
          + "/providers/Microsoft.KeyVault/vaults/"
          + name;
    }
    List<String> subscriptions = new ArrayList<>();
    if (subscription.isPresent()) {
      subscriptions.add(subscription.get());
    } else {
      AzureRest.Paged subs = arm.getAll("/subscriptions?api-version=" + SUBSCRIPTIONS_API);
      subs.failure()
          .ifPresent(
              f -> {
                throw new RemoteException(
                    "could not list the caller's subscriptions to find vault "
                        + name
                        + ": "
                        + f.describe()
                        + "; pass --subscription and --resource-group");
              });
      subs.items().forEach(s -> Json.str(s, "subscriptionId").ifPresent(subscriptions::add));
    }
    String filter =
        encode("resourceType eq 'Microsoft.KeyVault/vaults' and name eq '" + name + "'");
    for (String sub : subscriptions) {
      AzureRest.Paged found =
          arm.getAll(
              "/subscriptions/"
                  + sub
                  + "/resources?api-version="
                  + RESOURCES_API
                  + "&$filter="
                  + filter);
      if (found.failure().isPresent()) {
        throw new RemoteException(
            "could not list vaults in subscription "
                + sub
                + " to find vault "
                + name
                + ": "
                + found.failure().get().describe()
                + "; pass --subscription and --resource-group");
      }
      for (Map<String, Object> r : found.items()) {
        if (Json.str(r, "name").filter(name::equalsIgnoreCase).isPresent()) {
          return Json.str(r, "id").orElseThrow();
        }
      }
    }
    throw new UserInputException(
        "vault "
            + name
            + " was not found in "
            + (subscription.isPresent()
                ? "subscription " + subscription.get()
                : subscriptions.size() + " subscriptions visible to the caller")
            + "; check --vault, or pass --subscription and --resource-group");
  }

  /** GET the vault; a 403/404 is a {@link RemoteException} naming what to do. */
  VaultInfo readVault(String vaultId) {
    AzureRest.Response r = arm.get(vaultId + "?api-version=" + VAULT_API);
    if (r.status() == 404) {
      throw new UserInputException(
          "vault "
              + vaultId
              + " does not exist (ARM 404 "
              + r.errorCode()
              + "); check the vault name, subscription and resource group");
    }
    if (!r.ok()) {
      throw new RemoteException(
          "could not read vault "
              + vaultId
              + ": "
              + r.describe()
              + (r.status() == 403
                  ? "; the caller needs Microsoft.KeyVault/vaults/read (Reader on the vault or its resource group)"
                  : ""));
    }
    return VaultParser.parse(r.body());
  }

  /**
   * Role assignments at or above {@code scope} for the principal and the groups it belongs to
   * ({@code atScope() and assignedTo()}: ARM resolves group membership, no Graph right needed).
   */
  AzureRest.Paged roleAssignments(String scope, String principalObjectId) {
    String filter = encode("atScope() and assignedTo('" + principalObjectId + "')");
    return arm.getAll(
        scope
            + "/providers/Microsoft.Authorization/roleAssignments?api-version="
            + AUTHORIZATION_API
            + "&$filter="
            + filter);
  }

  /**
   * Deny assignments at or above {@code scope} ({@code atScope()}); principals are matched here.
   */
  AzureRest.Paged denyAssignments(String scope) {
    return arm.getAll(
        scope
            + "/providers/Microsoft.Authorization/denyAssignments?api-version="
            + AUTHORIZATION_API
            + "&$filter="
            + encode("atScope()"));
  }

  /**
   * What ARM says of a secret's or key's current version ({@code Microsoft.KeyVault/vaults/secrets}
   * or {@code .../keys}, never the value): whether it is enabled, or that it does not exist; empty
   * when the caller may not read it or ARM fails (the verdict then rests on permissions alone).
   *
   * @param collection {@code secrets} or {@code keys}
   */
  Optional<ObjectState> objectState(String vaultId, String collection, String name) {
    AzureRest.Response r =
        arm.get(vaultId + "/" + collection + "/" + name + "?api-version=" + VAULT_API);
    if (r.status() == 404) {
      return Optional.of(new ObjectState(false, false));
    }
    if (!r.ok()) {
      return Optional.empty();
    }
    Map<String, Object> attributes = Json.obj(Json.obj(r.body(), "properties"), "attributes");
    return Optional.of(new ObjectState(true, Json.bool(attributes, "enabled").orElse(true)));
  }

  /** An object's existence and {@code attributes.enabled}, as ARM reports them. */
  record ObjectState(boolean exists, boolean enabled) {}

  /** A role definition by its full id, cached; empty when the caller cannot read it. */
  Optional<RoleDefinition> roleDefinition(String roleDefinitionId) {
    return definitions.computeIfAbsent(
        roleDefinitionId.toLowerCase(Locale.ROOT),
        k -> {
          AzureRest.Response r = arm.get(roleDefinitionId + "?api-version=" + AUTHORIZATION_API);
          return r.ok() ? Optional.of(RoleParser.definition(r.body())) : Optional.empty();
        });
  }

  /**
   * The principal of an identity given by ARM resource id: a user-assigned identity's {@code
   * properties.principalId}, or the system-assigned {@code identity.principalId} of a VM/VMSS.
   */
  Principal principalOfResource(String resourceId) {
    boolean userAssigned =
        resourceId
            .toLowerCase(Locale.ROOT)
            .contains("/microsoft.managedidentity/userassignedidentities/");
    String api = userAssigned ? IDENTITY_API : COMPUTE_API;
    AzureRest.Response r = arm.get(resourceId + "?api-version=" + api);
    if (!r.ok()) {
      throw new RemoteException(
          "could not read identity resource "
              + resourceId
              + ": "
              + r.describe()
              + "; check the resource id (the caller needs Reader on it)");
    }
    Map<String, Object> holder =
        userAssigned ? Json.obj(r.body(), "properties") : Json.obj(r.body(), "identity");
    String oid =
        Json.str(holder, "principalId")
            .orElseThrow(
                () ->
                    new UserInputException(
                        "resource "
                            + resourceId
                            + " has no "
                            + (userAssigned ? "properties" : "identity")
                            + ".principalId"
                            + (userAssigned ? "" : "; it has no system-assigned identity")));
    return Principal.servicePrincipal(
        oid,
        Json.str(holder, "clientId"),
        Json.str(r.body(), "name"),
        userAssigned ? "ARM user-assigned identity" : "ARM system-assigned identity");
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
