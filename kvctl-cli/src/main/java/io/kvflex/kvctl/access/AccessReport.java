package io.kvflex.kvctl.access;

import java.util.List;
import java.util.Objects;

/**
 * Everything check-access found; rendered as a table or JSON.
 *
 * @param warnings what may break the mount whatever the verdicts (network, tenant, unread data)
 * @param notes what a reviewer should know without a verdict changing (escalation paths)
 */
public record AccessReport(
    VaultInfo vault,
    Principal principal,
    List<ObjectResult> results,
    List<String> warnings,
    List<String> notes) {
  public AccessReport {
    Objects.requireNonNull(vault);
    Objects.requireNonNull(principal);
    results = List.copyOf(results);
    warnings = List.copyOf(warnings);
    notes = List.copyOf(notes);
  }

  /**
   * 1 if anything is denied, else 3 if anything cannot be told, else 0; a probe's definite outcome
   * counts over the evaluation ({@link ObjectResult#finalVerdict()}).
   */
  public int exitCode() {
    if (results.stream().anyMatch(r -> r.finalVerdict() == Verdict.DENIED)) {
      return 1;
    }
    return results.stream().anyMatch(r -> r.finalVerdict() == Verdict.CANNOT_TELL) ? 3 : 0;
  }

  public long count(Verdict v) {
    return results.stream().filter(r -> r.verdict() == v).count();
  }
}
