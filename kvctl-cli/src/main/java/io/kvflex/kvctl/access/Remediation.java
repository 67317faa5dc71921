package io.kvflex.kvctl.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The exact {@code az} command that grants what one object needs, at the narrowest scope. */
final class Remediation {
  private Remediation() {}

  /** Least-privilege built-in role on the object itself (Key Vault RBAC supports object scope). */
  static String roleAssignment(RequiredAccess required, Principal principal, String objectScope) {
    return "az role assignment create --role \""
        + required.roleName()
        + "\" --assignee-object-id "
        + principal.objectId()
        + " --assignee-principal-type ServicePrincipal --scope "
        + objectScope;
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
