package io.kvflex.kvctl.access;

import java.util.List;
import java.util.Objects;

/** Everything check-access found; rendered as a table or JSON. */
public record AccessReport(
    VaultInfo vault, Principal principal, List<ObjectResult> results, List<String> warnings) {
  public AccessReport {
    Objects.requireNonNull(vault);
    Objects.requireNonNull(principal);
    results = List.copyOf(results);
    warnings = List.copyOf(warnings);
  }

  /** 1 if anything is denied, else 3 if anything cannot be told, else 0. */
  public int exitCode() {
    if (count(Verdict.DENIED) > 0) {
      return 1;
    }
    return count(Verdict.CANNOT_TELL) > 0 ? 3 : 0;
  }

  public long count(Verdict v) {
    return results.stream().filter(r -> r.verdict() == v).count();
  }
}
