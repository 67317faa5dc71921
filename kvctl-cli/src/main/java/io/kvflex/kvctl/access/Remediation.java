package io.kvflex.kvctl.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The exact command that grants what one object needs, and why it is the one printed. */
final class Remediation {
  private Remediation() {}

  /** A command and the notes that explain its role and scope. */
  record Fix(String command, List<String> notes) {
    Fix {
      notes = List.copyOf(notes);
    }
  }

  static final String RBAC_GUIDE =
      "https://learn.microsoft.com/azure/key-vault/general/rbac-guide"
          + "#best-practices-for-individual-keys-secrets-and-certificates-role-assignments";

  /**
   * The narrowest built-in role at the narrowest sensible scope, following Microsoft's guidance
   * ({@link #RBAC_GUIDE}: one vault per application and environment, roles on the vault; object
   * scope only for objects shared between applications): a role that reveals no secret value and no
   * private key is assigned on the vault; one that does is assigned on the object alone, since on
   * the vault it would expose every other object too. Without a narrow enough built-in role, a
   * custom role granting exactly the data action is created first.
   */
  static Fix roleAssignment(
      RequiredAccess required,
      Principal principal,
      String objectScope,
      VaultInfo vault,
      LeastPrivilege advisor) {
    String action = required.dataAction();
    Optional<LeastPrivilege.Choice> best = advisor.narrowest(action);
    List<String> notes = new ArrayList<>();
    if (best.isEmpty() || !best.get().narrowEnough()) {
      String name = "kvflex " + KeyVaultDataActions.shortName(action);
      best.ifPresent(
          b ->
              notes.add(
                  "no built-in role is narrow enough: the narrowest, \""
                      + b.role().roleName()
                      + "\", also grants "
                      + LeastPrivilege.describe(b.extras())
                      + "; the fix creates a custom role granting only "
                      + action
                      + " and assigns it on this "
                      + required.objectWord()));
      return new Fix(
          customRole(name, action, vault.id()) + " && " + assign(name, principal, objectScope),
          notes);
    }
    LeastPrivilege.Choice c = best.get();
    String role = c.role().roleName();
    boolean onVault = !c.revealsValues();
    if (onVault) {
      notes.add(
          "fix assigns \""
              + role
              + "\" on the vault, as Microsoft recommends (one vault per application and"
              + " environment, roles on the vault: "
              + RBAC_GUIDE
              + "); there it reveals no secret value and no private key of any object");
    } else {
      notes.add(
          "fix assigns \""
              + role
              + "\" on this "
              + required.objectWord()
              + " only: on the vault it would read every "
              + required.objectWord()
              + " of "
              + vault.name()
              + "; Microsoft recommends the vault scope when the vault holds only this"
              + " application's objects ("
              + RBAC_GUIDE
              + "), then use --scope "
              + vault.id());
    }
    notes.add("\"" + role + "\" also grants " + LeastPrivilege.describe(c.extras()));
    return new Fix(assign(role, principal, onVault ? vault.id() : objectScope), notes);
  }

  private static String assign(String role, Principal principal, String scope) {
    return "az role assignment create --role \""
        + role
        + "\" --assignee-object-id "
        + principal.objectId()
        + principal.type().map(t -> " --assignee-principal-type " + t).orElse("")
        + " --scope "
        + scope;
  }

  private static String customRole(String name, String action, String vaultId) {
    return "az role definition create --role-definition '{\"Name\": \""
        + name
        + "\", \"Description\": \"Only "
        + action
        + " (made by kvflex check-access)\", \"Actions\": [], \"NotActions\": [], \"DataActions\": [\""
        + action
        + "\"], \"NotDataActions\": [], \"AssignableScopes\": [\""
        + vaultId
        + "\"]}'";
  }

  /**
   * {@code az keyvault set-policy} replaces the principal's permission list of each category it is
   * given, so the command repeats what the entry already holds and adds the missing one.
   */
  static String setPolicy(
      VaultInfo vault, RequiredAccess required, Principal principal, List<String> existing) {
    List<String> permissions = new ArrayList<>();
    for (String p : existing) {
      permissions.add(p.toLowerCase(Locale.ROOT));
    }
    if (!permissions.contains(required.policyPermission())) {
      permissions.add(required.policyPermission());
    }
    String flag =
        switch (required.policyCategory()) {
          case "secrets" -> "--secret-permissions";
          case "keys" -> "--key-permissions";
          default -> "--certificate-permissions";
        };
    return "az keyvault set-policy --name "
        + vault.name()
        + " --resource-group "
        + vault.resourceGroup()
        + " --subscription "
        + vault.subscriptionId()
        + " --object-id "
        + principal.objectId()
        + " "
        + flag
        + " "
        + String.join(" ", permissions);
  }
}
