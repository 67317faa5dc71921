package io.kvflex.localvault.arm;

import io.kvflex.localvault.seed.DenyAssignmentSpec;
import io.kvflex.localvault.seed.RoleAssignmentSpec;
import java.util.Optional;

/**
 * ARM's answer for one principal, action and scope.
 *
 * @param grantedBy a role assignment that grants the action (empty when none does)
 * @param deniedBy a deny assignment that blocks it (wins over any grant)
 */
public record Decision(
    Optional<RoleAssignmentSpec> grantedBy, Optional<DenyAssignmentSpec> deniedBy) {

  public boolean allowed() {
    return grantedBy.isPresent() && deniedBy.isEmpty();
  }
}
