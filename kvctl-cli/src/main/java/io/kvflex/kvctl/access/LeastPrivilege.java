package io.kvflex.kvctl.access;

import io.kvflex.kvctl.access.KeyVaultDataActions.Exposure;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the built-in role that grants one data action with the least else: fewest secret values and
 * private-key uses, then fewest writes, then fewest public operations, then fewest reads (so Key
 * Vault Reader, metadata and public material only, wins over Crypto Service Encryption User, which
 * can also unwrap, for a key GET).
 */
final class LeastPrivilege {

  /**
   * A built-in role for one data action.
   *
   * @param role the role
   * @param extras the other data actions it grants (over {@link KeyVaultDataActions#all()})
   * @param revealsValues whether the role grants any secret value or private-key use, the needed
   *     action included: such a role assigned on the vault exposes every object of the vault
   */
  record Choice(RoleDefinition role, List<String> extras, boolean revealsValues) {
    /** Narrow enough: nothing else that reads a value, uses a private key or changes anything. */
    boolean narrowEnough() {
      return extras.stream()
          .map(KeyVaultDataActions::exposure)
          .noneMatch(e -> e == Exposure.VALUE || e == Exposure.WRITE);
    }
  }

  private final List<RoleDefinition> candidates;
  private final List<String> catalogue;

  LeastPrivilege(List<RoleDefinition> candidates, List<String> catalogue) {
    this.candidates = List.copyOf(candidates);
    this.catalogue = List.copyOf(catalogue);
  }

  /** Over the published built-in roles and Key Vault data actions. */
  static LeastPrivilege builtIn() {
    return new LeastPrivilege(BuiltInRoles.all(), KeyVaultDataActions.all());
  }

  /** The narrowest built-in role granting {@code dataAction}; empty when none grants it. */
  Optional<Choice> narrowest(String dataAction) {
    return candidates.stream()
        .filter(r -> r.grantingPattern(dataAction).isPresent())
        .map(r -> choice(r, dataAction))
        .min(Comparator.comparing(LeastPrivilege::rank).thenComparing(c -> c.role().roleName()));
  }

  /** What {@code role} grants besides {@code dataAction}. */
  Choice choice(RoleDefinition role, String dataAction) {
    List<String> granted = role.grantedDataActions(catalogue);
    List<String> extras =
        granted.stream().filter(a -> !a.equalsIgnoreCase(dataAction)).sorted().toList();
    boolean values =
        granted.stream().anyMatch(a -> KeyVaultDataActions.exposure(a) == Exposure.VALUE)
            || KeyVaultDataActions.exposure(dataAction) == Exposure.VALUE;
    return new Choice(role, extras, values);
  }

  /** Lexicographic: values, writes, public operations, reads. */
  private static String rank(Choice c) {
    Map<Exposure, Integer> counts = count(c.extras());
    return String.format(
        Locale.ROOT,
        "%03d%03d%03d%03d",
        counts.get(Exposure.VALUE),
        counts.get(Exposure.WRITE),
        counts.get(Exposure.PUBLIC_OPERATION),
        counts.get(Exposure.READ));
  }

  static Map<Exposure, Integer> count(List<String> actions) {
    Map<Exposure, Integer> counts = new EnumMap<>(Exposure.class);
    for (Exposure e : Exposure.values()) {
      counts.put(e, 0);
    }
    actions.forEach(a -> counts.merge(KeyVaultDataActions.exposure(a), 1, Integer::sum));
    return counts;
  }

  /**
   * e.g. {@code changes and deletes: keys/delete, keys/purge/action and 9 more; metadata and public
   * reads: keys/read}; {@code nothing else} when empty.
   */
  static String describe(List<String> extras) {
    if (extras.isEmpty()) {
      return "nothing else";
    }
    StringBuilder sb = new StringBuilder();
    for (Exposure e :
        List.of(Exposure.VALUE, Exposure.WRITE, Exposure.PUBLIC_OPERATION, Exposure.READ)) {
      List<String> group =
          extras.stream()
              .filter(a -> KeyVaultDataActions.exposure(a) == e)
              .map(KeyVaultDataActions::shortName)
              .toList();
      if (group.isEmpty()) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(label(e)).append(": ");
      int shown = Math.min(group.size(), 4);
      sb.append(String.join(", ", group.subList(0, shown)));
      if (group.size() > shown) {
        sb.append(" and ").append(group.size() - shown).append(" more");
      }
    }
    return sb.toString();
  }

  private static String label(Exposure e) {
    return switch (e) {
      case VALUE -> "secret values or private-key use";
      case WRITE -> "changes and deletes";
      case PUBLIC_OPERATION -> "public-key operations";
      case READ -> "metadata and public reads";
    };
  }
}
