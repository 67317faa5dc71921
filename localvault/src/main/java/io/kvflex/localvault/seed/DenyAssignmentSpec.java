package io.kvflex.localvault.seed;

import java.util.List;

/**
 * A deny assignment (Azure creates them for deployment stacks, managed applications and
 * Blueprints): the listed principals may not perform the listed (data) actions at the scope,
 * whatever their roles say.
 *
 * @param principals object ids; {@link #EVERYONE} is every principal
 * @param excludePrincipals object ids the denial does not apply to (groups included)
 * @param doNotApplyToChildScopes whether only the scope itself is denied
 */
public record DenyAssignmentSpec(
    String guid,
    String name,
    String scope,
    List<String> principals,
    List<String> excludePrincipals,
    List<String> actions,
    List<String> notActions,
    List<String> dataActions,
    List<String> notDataActions,
    boolean doNotApplyToChildScopes) {

  /** The SystemDefined principal "Everyone". */
  public static final String EVERYONE = "00000000-0000-0000-0000-000000000000";

  public DenyAssignmentSpec {
    principals = List.copyOf(principals);
    excludePrincipals = List.copyOf(excludePrincipals);
    actions = List.copyOf(actions);
    notActions = List.copyOf(notActions);
    dataActions = List.copyOf(dataActions);
    notDataActions = List.copyOf(notDataActions);
  }
}
