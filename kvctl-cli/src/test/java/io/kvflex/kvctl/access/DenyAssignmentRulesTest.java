package io.kvflex.kvctl.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.options.ObjectType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Deny assignments win over grants; who they reach, where, and when kvctl cannot tell. */
class DenyAssignmentRulesTest {
  static final String VAULT_ID = ArmShapes.VAULT_ID;
  static final String SECRET = VAULT_ID + "/secrets/s";
  static final String GET = "Microsoft.KeyVault/vaults/secrets/getSecret/action";
  static final RoleDefinition SECRETS_USER = BuiltInRoleMatrixTest.role("Key Vault Secrets User");
  static final DenyAssignment.Member ME =
      new DenyAssignment.Member(ArmShapes.OID, "ServicePrincipal");
  static final DenyAssignment.Member GROUP = new DenyAssignment.Member(ArmShapes.GROUP, "Group");
  static final DenyAssignment.Member EVERYONE =
      new DenyAssignment.Member(DenyAssignment.EVERYONE, "SystemDefined");

  @Test
  void aDenyOnTheIdentityWinsOverItsRoleAndOffersNoRoleFix() {
    Evaluation e = evaluate(deny(VAULT_ID, List.of(ME), List.of(), false), known(Set.of()));
    assertThat(e.verdict()).isEqualTo(Verdict.DENIED);
    assertThat(e.evidence().get(0))
        .isEqualTo(
            "deny assignment \"stack-deny\" at vault scope denies " + GET + " to the identity");
    assertThat(e.evidence().get(1)).endsWith(", but the deny assignment wins");
    assertThat(e.fix()).isEmpty();
    assertThat(e.notes()).anyMatch(n -> n.contains("excludePrincipals"));
  }

  @Test
  void everyoneButTheExcludedAndOnlyTheDeniedActions() {
    assertThat(
            evaluate(deny(VAULT_ID, List.of(EVERYONE), List.of(), false), known(Set.of()))
                .verdict())
        .isEqualTo(Verdict.DENIED);
    assertThat(
            evaluate(deny(VAULT_ID, List.of(EVERYONE), List.of(ME), false), known(Set.of()))
                .verdict())
        .isEqualTo(Verdict.ALLOWED);
    assertThat(
            evaluate(
                    deny(VAULT_ID, List.of(EVERYONE), List.of(GROUP), false),
                    known(Set.of(ArmShapes.GROUP)))
                .verdict())
        .isEqualTo(Verdict.ALLOWED);
    DenyAssignment writesOnly =
        new DenyAssignment(
            "d",
            "writes",
            VAULT_ID,
            List.of(EVERYONE),
            List.of(),
            List.of("Microsoft.KeyVault/vaults/secrets/*"),
            List.of(GET),
            false);
    assertThat(evaluate(writesOnly, known(Set.of())).verdict()).isEqualTo(Verdict.ALLOWED);
  }

  @Test
  void doNotApplyToChildScopesStopsAtItsOwnScope() {
    assertThat(evaluate(deny(VAULT_ID, List.of(ME), List.of(), true), known(Set.of())).verdict())
        .isEqualTo(Verdict.ALLOWED);
    assertThat(evaluate(deny(SECRET, List.of(ME), List.of(), true), known(Set.of())).verdict())
        .isEqualTo(Verdict.DENIED);
  }

  @Test
  void groupsMatterOnlyWhenKnownOtherwiseCannotTell() {
    DenyAssignment onGroup = deny(VAULT_ID, List.of(GROUP), List.of(), false);
    assertThat(evaluate(onGroup, known(Set.of(ArmShapes.GROUP))).verdict())
        .isEqualTo(Verdict.DENIED);
    assertThat(evaluate(onGroup, known(Set.of())).verdict()).isEqualTo(Verdict.ALLOWED);
    Evaluation unknown =
        evaluate(
            onGroup,
            new RbacEvaluator.DenyFacts(
                Optional.of(List.of(onGroup)),
                "",
                Optional.empty(),
                "Graph getMemberObjects: 403"));
    assertThat(unknown.verdict()).isEqualTo(Verdict.CANNOT_TELL);
    assertThat(unknown.evidence().get(1))
        .contains("its groups are unknown (Graph getMemberObjects: 403)");
  }

  @Test
  void anUnreadableDenyListTurnsAGrantIntoCannotTell() {
    Evaluation e =
        evaluate(
            null,
            new RbacEvaluator.DenyFacts(
                Optional.empty(), "403 AuthorizationFailed", Optional.empty(), ""));
    assertThat(e.verdict()).isEqualTo(Verdict.CANNOT_TELL);
    assertThat(e.evidence().get(1))
        .contains("cannot list deny assignments (403 AuthorizationFailed)")
        .contains("denyAssignments/read");
  }

  /** The identity's groups are known (the deny list itself is set per test). */
  private static RbacEvaluator.DenyFacts known(Set<String> groups) {
    return new RbacEvaluator.DenyFacts(Optional.empty(), "", Optional.of(groups), "");
  }

  private static Evaluation evaluate(DenyAssignment deny, RbacEvaluator.DenyFacts facts) {
    RbacEvaluator.DenyFacts f =
        deny == null
            ? facts
            : new RbacEvaluator.DenyFacts(
                Optional.of(List.of(deny)), "", facts.groups(), facts.whyGroupsUnknown());
    return RbacEvaluator.evaluate(
        SECRET,
        BuiltInRoleMatrixTest.vault(),
        RequiredAccess.forType(ObjectType.SECRET),
        BuiltInRoleMatrixTest.me(),
        List.of(
            BuiltInRoleMatrixTest.assignment(
                VAULT_ID, SECRETS_USER, ArmShapes.OID, "ServicePrincipal")),
        Map.of(SECRETS_USER.guid(), SECRETS_USER),
        f,
        LeastPrivilege.builtIn());
  }

  private static DenyAssignment deny(
      String scope,
      List<DenyAssignment.Member> who,
      List<DenyAssignment.Member> except,
      boolean onlyHere) {
    return new DenyAssignment(
        scope + "/providers/Microsoft.Authorization/denyAssignments/1",
        "stack-deny",
        scope,
        who,
        except,
        List.of("Microsoft.KeyVault/vaults/secrets/*"),
        List.of(),
        onlyHere);
  }
}
