package io.kvflex.localvault.seed;

import java.util.List;

/**
 * An Entra ID security group: role assignments, deny assignments and access policies may name it;
 * Graph's {@code getMemberObjects} and ARM's {@code assignedTo()} resolve membership transitively.
 *
 * @param members object ids of service principals, managed identities and groups
 */
public record GroupSpec(String name, String tenant, String objectId, List<String> members) {
  public GroupSpec {
    members = List.copyOf(members);
  }
}
