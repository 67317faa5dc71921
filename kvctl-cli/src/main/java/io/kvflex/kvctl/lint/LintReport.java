package io.kvflex.kvctl.lint;

import io.kvflex.kvctl.manifest.Manifests;
import io.kvflex.options.Severity;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one lint run, as every output format renders it.
 *
 * @param manifests what was read
 * @param findings every finding, suppressed ones included (flagged), in input order
 * @param failOn the threshold the run was judged by
 * @param toolVersion kvctl's version (a parameter so golden files do not change per release)
 */
public record LintReport(
    Manifests manifests, List<Finding> findings, FailOn failOn, String toolVersion) {

  public LintReport {
    Objects.requireNonNull(manifests);
    findings = List.copyOf(findings);
    Objects.requireNonNull(failOn);
    Objects.requireNonNull(toolVersion);
  }

  public List<Finding> active() {
    return findings.stream().filter(f -> !f.suppressed()).toList();
  }

  public long count(Severity s) {
    return findings.stream().filter(f -> !f.suppressed() && f.severity() == s).count();
  }

  public long suppressedCount() {
    return findings.stream().filter(Finding::suppressed).count();
  }

  public int volumeCount() {
    return manifests.workloads().stream().mapToInt(w -> w.kvVolumes().size()).sum();
  }

  /** True when an active finding reaches the threshold: exit code 1. */
  public boolean failed() {
    return findings.stream().anyMatch(f -> !f.suppressed() && failOn.fails(f.severity()));
  }
}
