package io.kvflex.kvctl.lint;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Every lint rule, in documentation order: documents, driver option validation, manifest. */
public final class Rules {
  private static final List<Rule> ALL =
      Stream.of(
              ManifestRules.ALL.stream().filter(r -> r.source() == Rule.Source.DOCUMENT),
              OptionRuleDocs.rules().stream(),
              ManifestRules.ALL.stream().filter(r -> r.source() == Rule.Source.MANIFEST))
          .flatMap(s -> s)
          .toList();

  private Rules() {}

  public static List<Rule> all() {
    return ALL;
  }

  public static Optional<Rule> byId(String id) {
    return ALL.stream().filter(r -> r.id().equals(id)).findFirst();
  }
}
