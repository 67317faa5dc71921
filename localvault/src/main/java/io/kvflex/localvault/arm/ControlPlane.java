package io.kvflex.localvault.arm;

import io.kvflex.localvault.seed.ControlPlaneSpec;
import io.kvflex.localvault.seed.DenyAssignmentSpec;
import io.kvflex.localvault.seed.RoleAssignmentSpec;
import io.kvflex.localvault.seed.RoleDefinitionSpec;
import io.kvflex.localvault.seed.Seed;
import io.kvflex.localvault.seed.TenantSpec;
import io.kvflex.localvault.seed.VaultPlacement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Azure RBAC as ARM evaluates it, over one seed: a deny assignment that matches the principal (or a
 * group it is in, or Everyone) and the action at or above the scope wins; otherwise a role
 * assignment to the principal or one of its groups at or above the scope whose role grants the
 * action allows. Both localvault's ARM (control-plane actions) and its data plane for RBAC vaults
 * (data actions) ask it.
 */
public final class ControlPlane {
  private final ControlPlaneSpec spec;
  private final ResourceTree tree;
  private final Memberships memberships;

  ControlPlane(ControlPlaneSpec spec, List<String> tenants) {
    this.spec = spec;
    this.tree = new ResourceTree(tenants, spec);
    this.memberships = new Memberships(spec.groups());
  }

  public static ControlPlane of(Seed seed) {
    return new ControlPlane(
        seed.controlPlane(), seed.tenants().stream().map(TenantSpec::id).toList());
  }

  public ResourceTree tree() {
    return tree;
  }

  public Memberships memberships() {
    return memberships;
  }

  public ControlPlaneSpec spec() {
    return spec;
  }

  public Optional<VaultPlacement> placement(String vault) {
    return spec.placement(vault);
  }

  public Optional<RoleDefinitionSpec> roleDefinition(String guid) {
    return spec.roleDefinitions().stream().filter(r -> r.guid().equalsIgnoreCase(guid)).findFirst();
  }

  /** May {@code principalId} perform the control-plane action at {@code scope}? */
  public Decision decideAction(String principalId, String scope, String action) {
    return decide(principalId, scope, action, false);
  }

  /** May {@code principalId} perform the data action at {@code scope}? */
  public Decision decideDataAction(String principalId, String scope, String dataAction) {
    return decide(principalId, scope, dataAction, true);
  }

  private Decision decide(String principalId, String scope, String action, boolean data) {
    Set<String> who = memberships.principals(principalId);
    Optional<DenyAssignmentSpec> denied =
        spec.denyAssignments().stream()
            .filter(d -> denies(d, who, scope, action, data))
            .findFirst();
    Optional<RoleAssignmentSpec> granted =
        spec.roleAssignments().stream()
            .filter(a -> who.contains(a.principalId().toLowerCase(Locale.ROOT)))
            .filter(a -> tree.covers(a.scope(), scope))
            .filter(
                a -> roleDefinition(a.roleGuid()).map(r -> grants(r, action, data)).orElse(false))
            .findFirst();
    return new Decision(granted, denied);
  }

  private boolean denies(
      DenyAssignmentSpec d, Set<String> who, String scope, String action, boolean data) {
    boolean atScope =
        d.doNotApplyToChildScopes()
            ? ResourceTree.same(d.scope(), scope)
            : tree.covers(d.scope(), scope);
    boolean named =
        d.principals().stream()
            .anyMatch(p -> p.equals(DenyAssignmentSpec.EVERYONE) || who.contains(lower(p)));
    boolean excluded = d.excludePrincipals().stream().anyMatch(p -> who.contains(lower(p)));
    boolean matches =
        data
            ? Actions.permits(d.dataActions(), d.notDataActions(), action)
            : Actions.permits(d.actions(), d.notActions(), action);
    return atScope && named && !excluded && matches;
  }

  static boolean grants(RoleDefinitionSpec r, String action, boolean data) {
    return data
        ? Actions.permits(r.dataActions(), r.notDataActions(), action)
        : Actions.permits(r.actions(), r.notActions(), action);
  }

  /** Role assignments whose scope is at or above {@code scope} ({@code atScope()}). */
  public List<RoleAssignmentSpec> assignmentsAtOrAbove(String scope) {
    return spec.roleAssignments().stream().filter(a -> tree.covers(a.scope(), scope)).toList();
  }

  /** Deny assignments whose scope is at or above {@code scope}. */
  public List<DenyAssignmentSpec> denyAssignmentsAtOrAbove(String scope) {
    return spec.denyAssignments().stream().filter(d -> tree.covers(d.scope(), scope)).toList();
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
