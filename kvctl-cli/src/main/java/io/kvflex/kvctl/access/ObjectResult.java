package io.kvflex.kvctl.access;

import io.kvflex.options.VaultObjectSpec.ObjectRef;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer for one object.
 *
 * @param ref the object
 * @param scope its ARM resource id (the narrowest RBAC scope)
 * @param requirement what is needed, e.g. the data action or {@code secrets get}
 * @param evaluation verdict, evidence and fix
 * @param probe the real GET's outcome when {@code --probe} ran
 */
public record ObjectResult(
    ObjectRef ref,
    String scope,
    String requirement,
    Evaluation evaluation,
    Optional<ProbeOutcome> probe) {
  public ObjectResult {
    Objects.requireNonNull(ref);
    Objects.requireNonNull(scope);
    Objects.requireNonNull(requirement);
    Objects.requireNonNull(evaluation);
    Objects.requireNonNull(probe);
  }

  public Verdict verdict() {
    return evaluation.verdict();
  }

  /** {@code type/name}, plus {@code @version} when pinned. */
  public String label() {
    return ref.type().optionValue() + "/" + ref.name() + ref.version().map(v -> "@" + v).orElse("");
  }

  /**
   * What the exit code counts: the probe's outcome when it read or was refused (reality wins over
   * the evaluation, e.g. for ABAC conditions), else the evaluated verdict.
   */
  public Verdict finalVerdict() {
    if (probe.isPresent() && probe.get().outcome() == ProbeOutcome.Kind.READ) {
      return Verdict.ALLOWED;
    }
    if (probe.isPresent() && probe.get().outcome() == ProbeOutcome.Kind.DENIED) {
      return Verdict.DENIED;
    }
    return verdict();
  }

  /** Whether the probe agrees with the verdict; empty without a probe or with "cannot tell". */
  public Optional<Boolean> probeAgrees() {
    if (probe.isEmpty()
        || verdict() == Verdict.CANNOT_TELL
        || probe.get().outcome() == ProbeOutcome.Kind.OTHER) {
      return Optional.empty();
    }
    boolean readable = probe.get().outcome() != ProbeOutcome.Kind.DENIED;
    return Optional.of(readable == (verdict() == Verdict.ALLOWED));
  }
}
