package io.kvflex.localvault.http;

import io.kvflex.localvault.arm.ControlPlane;
import io.kvflex.localvault.auth.Identity;
import io.kvflex.localvault.seed.DenyAssignmentSpec;
import io.kvflex.localvault.seed.RoleAssignmentSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code {scope}/providers/Microsoft.Authorization/...}: role assignments (filters {@code
 * atScope()}, {@code assignedTo('id')}, {@code principalId eq 'id'}), deny assignments ({@code
 * atScope()}) and role definitions by GUID. Listing needs the caller's own {@code
 * roleAssignments/read} or {@code denyAssignments/read} at the scope; role definitions are readable
 * by any signed-in caller, as built-in roles are in Azure.
 */
final class ArmAuthorizationRoutes {
  private static final Pattern ASSIGNED_TO =
      Pattern.compile("assignedTo\\('([^']+)'\\)", Pattern.CASE_INSENSITIVE);
  private static final Pattern PRINCIPAL_ID =
      Pattern.compile("principalId\\s+eq\\s+'([^']+)'", Pattern.CASE_INSENSITIVE);

  private final ControlPlane cp;

  ArmAuthorizationRoutes(ControlPlane cp) {
    this.cp = cp;
  }

  /**
   * @param scope the part of the path before {@code /providers/Microsoft.Authorization} ("" is the
   *     root scope)
   * @param rest {@code /providers/Microsoft.Authorization/...}
   */
  void handle(Exchange ex, Identity caller, String scope, String rest)
      throws ControlPlaneException, IOException {
    String at = scope.isEmpty() ? "/" : scope;
    String[] p = rest.substring(1).split("/");
    String kind = p.length > 2 ? p[2].toLowerCase(Locale.ROOT) : "";
    if (kind.equals("roledefinitions") && p.length == 4) {
      ex.describe("arm.roleDefinitions.get", "", "");
      ex.sendJson(
          200,
          ArmResources.roleDefinition(
              cp.roleDefinition(p[3])
                  .orElseThrow(
                      () ->
                          ControlPlaneException.arm(
                              404,
                              "RoleDefinitionDoesNotExist",
                              "The specified role definition with ID '"
                                  + p[3]
                                  + "' does not exist.")),
              at));
    } else if (kind.equals("roleassignments") && p.length == 3) {
      ex.describe("arm.roleAssignments.list", "", "");
      require(cp, caller, at, "Microsoft.Authorization/roleAssignments/read");
      Filter f = Filter.parse(ex.query("$filter").orElse(""));
      List<Object> out = new ArrayList<>();
      for (RoleAssignmentSpec a : cp.spec().roleAssignments()) {
        if (f.inScope(cp, a.scope(), at) && f.forPrincipal(cp, a.principalId())) {
          out.add(ArmResources.roleAssignment(a));
        }
      }
      ex.sendJson(200, Map.of("value", out));
    } else if (kind.equals("denyassignments") && p.length == 3) {
      ex.describe("arm.denyAssignments.list", "", "");
      require(cp, caller, at, "Microsoft.Authorization/denyAssignments/read");
      Filter f = Filter.parse(ex.query("$filter").orElse(""));
      List<Object> out = new ArrayList<>();
      for (DenyAssignmentSpec d : cp.spec().denyAssignments()) {
        if (f.inScope(cp, d.scope(), at)) {
          out.add(ArmResources.denyAssignment(d, cp.memberships()));
        }
      }
      ex.sendJson(200, Map.of("value", out));
    } else {
      ex.describe("arm.authorization.unknown", "", "");
      throw ControlPlaneException.arm(
          404,
          "ResourceNotFound",
          "localvault's ARM serves roleAssignments and denyAssignments lists and"
              + " roleDefinitions/{id} under Microsoft.Authorization.");
    }
  }

  /** The parsed {@code $filter} of a list. */
  private record Filter(boolean atScope, Optional<String> assignedTo, Optional<String> principal) {
    static Filter parse(String filter) throws ControlPlaneException {
      boolean atScope = false;
      Optional<String> assigned = Optional.empty();
      Optional<String> principal = Optional.empty();
      if (!filter.isBlank()) {
        for (String term : filter.trim().split("(?i)\\s+and\\s+")) {
          Matcher a = ASSIGNED_TO.matcher(term.trim());
          Matcher pid = PRINCIPAL_ID.matcher(term.trim());
          if (term.trim().equalsIgnoreCase("atScope()")) {
            atScope = true;
          } else if (a.matches()) {
            assigned = Optional.of(a.group(1));
          } else if (pid.matches()) {
            principal = Optional.of(pid.group(1));
          } else {
            throw ControlPlaneException.arm(
                400,
                "UnsupportedQuery",
                "The filter '"
                    + filter
                    + "' is not supported; use atScope(), assignedTo('{objectId}') or"
                    + " principalId eq '{objectId}', joined by 'and'.");
          }
        }
      }
      return new Filter(atScope, assigned, principal);
    }

    /** atScope(): at or above; without it, below too. */
    boolean inScope(ControlPlane cp, String itemScope, String at) {
      return cp.tree().covers(itemScope, at) || (!atScope && cp.tree().covers(at, itemScope));
    }

    boolean forPrincipal(ControlPlane cp, String principalId) {
      String id = principalId.toLowerCase(Locale.ROOT);
      if (principal.isPresent() && !principal.get().equalsIgnoreCase(id)) {
        return false;
      }
      if (assignedTo.isPresent()) {
        Set<String> who = cp.memberships().principals(assignedTo.get());
        return who.contains(id);
      }
      return true;
    }
  }

  static boolean allowed(ControlPlane cp, Identity caller, String scope, String action) {
    return cp.decideAction(caller.objectId(), scope, action).allowed();
  }

  /** ARM's 403 {@code AuthorizationFailed} unless the caller may perform the action there. */
  static void require(ControlPlane cp, Identity caller, String scope, String action)
      throws ControlPlaneException {
    if (!allowed(cp, caller, scope, action)) {
      throw ControlPlaneException.arm(
          403,
          "AuthorizationFailed",
          "The client '"
              + caller.clientId()
              + "' with object id '"
              + caller.objectId()
              + "' does not have authorization to perform action '"
              + action
              + "' over scope '"
              + scope
              + "' or the scope is invalid. If access was recently granted, please refresh your"
              + " credentials.");
    }
  }
}
