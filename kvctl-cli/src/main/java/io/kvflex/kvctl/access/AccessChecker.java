package io.kvflex.kvctl.access;

import io.kvflex.options.VaultObjectSpec.ObjectRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Answers an {@link AccessQuery}: resolves the identity, finds and reads the vault, then evaluates
 * each object under the vault's permission model. Reads only; never changes anything in Azure.
 */
public final class AccessChecker {

  /** Attempts the real GET as the identity ({@code --probe}); never returns the value. */
  public interface Prober {
    ProbeOutcome probe(VaultInfo vault, ObjectRef ref);
  }

  private final ArmReader arm;
  private final GraphReader graph;

  AccessChecker(ArmReader arm, GraphReader graph) {
    this.arm = arm;
    this.graph = graph;
  }

  public AccessReport check(AccessQuery query, Optional<Prober> prober) {
    Principal principal = resolve(query.identity());
    String vaultId =
        arm.locateVault(query.vaultName(), query.subscriptionId(), query.resourceGroup());
    VaultInfo vault = arm.readVault(vaultId);
    List<String> warnings = new ArrayList<>(vault.networkWarnings());
    query
        .tenantId()
        .filter(t -> !vault.tenantId().isEmpty() && !t.equalsIgnoreCase(vault.tenantId()))
        .ifPresent(
            t ->
                warnings.add(
                    "the volume's tenantid "
                        + t
                        + " is not the vault's tenant "
                        + vault.tenantId()
                        + ": Key Vault rejects tokens from other tenants"));
    List<ObjectResult> results = new ArrayList<>();
    if (vault.rbac()) {
      if (vault.accessPolicies().stream()
          .anyMatch(e -> e.objectId().equalsIgnoreCase(principal.objectId()))) {
        warnings.add(
            "vault " + vault.name() + " uses RBAC: its access policy for the identity is ignored");
      }
      Map<String, RoleDefinition> definitions = new HashMap<>();
      for (ObjectRef ref : query.objects()) {
        RequiredAccess required = RequiredAccess.forType(ref.type());
        String scope = objectScope(vault, ref, required);
        results.add(
            new ObjectResult(
                ref,
                scope,
                required.dataAction(),
                rbac(vault, principal, required, scope, definitions),
                prober.map(p -> p.probe(vault, ref))));
      }
    } else {
      Optional<Set<String>> groups = Optional.of(Set.of());
      if (vault.accessPolicies().stream()
          .anyMatch(e -> !e.objectId().equalsIgnoreCase(principal.objectId()))) {
        GraphReader.Groups g = graph.groupsOf(principal.objectId());
        groups = g.ids();
        if (groups.isEmpty()) {
          warnings.add(
              "group memberships of the identity are unknown ("
                  + g.whyUnknown()
                  + "): access policies for groups were not evaluated");
        }
      }
      for (ObjectRef ref : query.objects()) {
        RequiredAccess required = RequiredAccess.forType(ref.type());
        results.add(
            new ObjectResult(
                ref,
                objectScope(vault, ref, required),
                required.policyCategory() + " " + required.policyPermission(),
                AccessPolicyEvaluator.evaluate(vault, required, principal, groups),
                prober.map(p -> p.probe(vault, ref))));
      }
    }
    return new AccessReport(vault, principal, results, warnings);
  }

  private Evaluation rbac(
      VaultInfo vault,
      Principal principal,
      RequiredAccess required,
      String scope,
      Map<String, RoleDefinition> definitions) {
    AzureRest.Paged listed = arm.roleAssignments(scope, principal.objectId());
    if (listed.failure().isPresent()) {
      AzureRest.Response f = listed.failure().get();
      return Evaluation.cannotTell(
          "the caller cannot list role assignments at "
              + ScopeLabel.describe(scope, vault.id())
              + " ("
              + f.describe()
              + "); it needs "
              + "Microsoft.Authorization/roleAssignments/read there, e.g. Reader on the vault");
    }
    List<RoleAssignment> assignments = listed.items().stream().map(RoleParser::assignment).toList();
    for (RoleAssignment a : assignments) {
      arm.roleDefinition(a.roleDefinitionId())
          .ifPresent(d -> definitions.put(RoleAssignment.trailingGuid(a.roleDefinitionId()), d));
    }
    return RbacEvaluator.evaluate(scope, vault.id(), required, principal, assignments, definitions);
  }

  private Principal resolve(IdentityInput identity) {
    if (identity instanceof IdentityInput.ObjectId o) {
      return new Principal(o.objectId(), Optional.empty(), Optional.empty(), "given object id");
    }
    if (identity instanceof IdentityInput.ClientId c) {
      return graph.servicePrincipalByAppId(c.clientId());
    }
    return arm.principalOfResource(((IdentityInput.ResourceId) identity).resourceId());
  }

  private static String objectScope(VaultInfo vault, ObjectRef ref, RequiredAccess required) {
    return vault.id() + "/" + required.scopeSegment() + "/" + ref.name();
  }
}
