package io.kvflex.kvctl.access;

import io.kvflex.options.VaultObjectSpec.ObjectRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
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
  private final LeastPrivilege advisor;

  AccessChecker(ArmReader arm, GraphReader graph, LeastPrivilege advisor) {
    this.arm = arm;
    this.graph = graph;
    this.advisor = advisor;
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
    Map<String, RoleDefinition> definitions = new HashMap<>();
    List<RoleAssignment> everyAssignment = new ArrayList<>();
    Set<String> unlisted = new LinkedHashSet<>();
    List<ObjectResult> results = new ArrayList<>();
    Optional<Set<String>> groups = Optional.of(Set.of());
    Lazy<GraphReader.Groups> memberships = new Lazy<>(() -> graph.groupsOf(principal.objectId()));
    if (vault.rbac()) {
      if (vault.accessPolicies().stream()
          .anyMatch(e -> e.objectId().equalsIgnoreCase(principal.objectId()))) {
        warnings.add(
            "vault " + vault.name() + " uses RBAC: its access policy for the identity is ignored");
      }
    } else if (vault.accessPolicies().stream()
        .anyMatch(e -> !e.objectId().equalsIgnoreCase(principal.objectId()))) {
      GraphReader.Groups g = memberships.get();
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
      String scope = objectScope(vault, ref, required);
      AzureRest.Paged listed = arm.roleAssignments(scope, principal.objectId());
      List<RoleAssignment> assignments =
          listed.items().stream().map(RoleParser::assignment).toList();
      if (listed.failure().isEmpty()) {
        readDefinitions(assignments, definitions);
        everyAssignment.addAll(assignments);
      }
      Evaluation evaluation;
      String requirement;
      if (vault.rbac()) {
        requirement = required.dataAction();
        evaluation =
            listed
                .failure()
                .map(f -> cannotList(f, scope, vault))
                .orElseGet(
                    () ->
                        RbacEvaluator.evaluate(
                            scope,
                            vault,
                            required,
                            principal,
                            assignments,
                            definitions,
                            denyFacts(scope, memberships),
                            advisor));
      } else {
        requirement = required.policyCategory() + " " + required.policyPermission();
        listed.failure().ifPresent(f -> unlisted.add(f.describe()));
        evaluation =
            withNotes(
                AccessPolicyEvaluator.evaluate(vault, required, principal, groups),
                ignoredRoles(scope, vault, required, principal, assignments, definitions));
      }
      if (ref.version().isEmpty()) {
        Evaluation permission = evaluation;
        evaluation =
            arm.objectState(vault.id(), DisabledObjects.armCollection(ref.type()), ref.name())
                .map(st -> DisabledObjects.apply(permission, st, vault, ref.type(), ref.name()))
                .orElse(permission);
      }
      results.add(
          new ObjectResult(
              ref, scope, requirement, evaluation, prober.map(p -> p.probe(vault, ref))));
    }
    unlisted.forEach(
        f ->
            warnings.add(
                "the caller cannot list role assignments ("
                    + f
                    + "): roles that let the identity grant itself access were not checked"));
    List<String> notes = EscalationPaths.notes(vault, principal, everyAssignment, definitions);
    return new AccessReport(vault, principal, results, warnings, notes);
  }

  /** The deny assignments at or above the object; groups only when one of them names groups. */
  private RbacEvaluator.DenyFacts denyFacts(String scope, Lazy<GraphReader.Groups> memberships) {
    AzureRest.Paged listed = arm.denyAssignments(scope);
    if (listed.failure().isPresent()) {
      return new RbacEvaluator.DenyFacts(
          Optional.empty(), listed.failure().get().describe(), Optional.empty(), "");
    }
    List<DenyAssignment> denies = listed.items().stream().map(RoleParser::denyAssignment).toList();
    if (denies.stream().noneMatch(DenyAssignment::namesGroups)) {
      return new RbacEvaluator.DenyFacts(Optional.of(denies), "", Optional.of(Set.of()), "");
    }
    GraphReader.Groups g = memberships.get();
    return new RbacEvaluator.DenyFacts(Optional.of(denies), "", g.ids(), g.whyUnknown());
  }

  /** A value computed on first use (a Graph call only some checks need). */
  private static final class Lazy<T> {
    private final java.util.function.Supplier<T> supplier;
    private T value;

    Lazy(java.util.function.Supplier<T> supplier) {
      this.supplier = supplier;
    }

    T get() {
      if (value == null) {
        value = supplier.get();
      }
      return value;
    }
  }

  private void readDefinitions(
      List<RoleAssignment> assignments, Map<String, RoleDefinition> definitions) {
    for (RoleAssignment a : assignments) {
      arm.roleDefinition(a.roleDefinitionId())
          .ifPresent(d -> definitions.put(RoleAssignment.trailingGuid(a.roleDefinitionId()), d));
    }
  }

  private static Evaluation cannotList(AzureRest.Response f, String scope, VaultInfo vault) {
    return Evaluation.cannotTell(
        "the caller cannot list role assignments at "
            + ScopeLabel.describe(scope, vault.id())
            + " ("
            + f.describe()
            + "); it needs "
            + "Microsoft.Authorization/roleAssignments/read there, e.g. Reader on the vault");
  }

  /** RBAC roles that would grant the object on an access-policy vault: Key Vault ignores them. */
  private static List<String> ignoredRoles(
      String scope,
      VaultInfo vault,
      RequiredAccess required,
      Principal principal,
      List<RoleAssignment> assignments,
      Map<String, RoleDefinition> definitions) {
    List<String> notes = new ArrayList<>();
    for (RoleAssignment a : assignments) {
      RoleDefinition def = definitions.get(RoleAssignment.trailingGuid(a.roleDefinitionId()));
      if (def != null
          && a.covers(scope)
          && RbacEvaluator.appliesTo(a, principal)
          && def.grantingPattern(required.dataAction()).isPresent()) {
        notes.add(
            "role \""
                + def.roleName()
                + "\" at "
                + RbacEvaluator.where(a, vault, principal)
                + " grants "
                + required.dataAction()
                + ", but vault "
                + vault.name()
                + " uses access policies: Key Vault ignores RBAC data roles until"
                + " enableRbacAuthorization is true");
      }
    }
    return notes;
  }

  private static Evaluation withNotes(Evaluation e, List<String> more) {
    if (more.isEmpty()) {
      return e;
    }
    List<String> notes = new ArrayList<>(e.notes());
    notes.addAll(more);
    return new Evaluation(e.verdict(), e.evidence(), e.fix(), notes);
  }

  private Principal resolve(IdentityInput identity) {
    if (identity instanceof IdentityInput.ObjectId o) {
      return new Principal(
          o.objectId(),
          Optional.empty(),
          Optional.empty(),
          "given object id",
          graph.principalType(o.objectId()));
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
