package io.kvflex.localvault.arm;

import io.kvflex.localvault.seed.GroupSpec;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Group membership, transitive, as Graph's getMemberObjects and ARM's assignedTo() see it. */
public final class Memberships {
  private final List<GroupSpec> groups;

  Memberships(List<GroupSpec> groups) {
    this.groups = List.copyOf(groups);
  }

  public Optional<GroupSpec> group(String objectId) {
    return groups.stream().filter(g -> g.objectId().equalsIgnoreCase(objectId)).findFirst();
  }

  /** Every group {@code objectId} belongs to, directly or through other groups. */
  public Set<String> groupsOf(String objectId) {
    Set<String> found = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(objectId.toLowerCase(Locale.ROOT)));
    while (!todo.isEmpty()) {
      String member = todo.pop();
      for (GroupSpec g : groups) {
        String gid = g.objectId().toLowerCase(Locale.ROOT);
        if (g.members().stream().anyMatch(member::equalsIgnoreCase) && found.add(gid)) {
          todo.push(gid);
        }
      }
    }
    found.remove(objectId.toLowerCase(Locale.ROOT));
    return found;
  }

  /** {@code objectId} and its groups, lower case. */
  public Set<String> principals(String objectId) {
    Set<String> all = new LinkedHashSet<>();
    all.add(objectId.toLowerCase(Locale.ROOT));
    all.addAll(groupsOf(objectId));
    return all;
  }
}
