package io.kvflex.kvctl.access;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The verdict for one object with its evidence (which assignment or policy grants or fails to
 * grant) and, for a denial, the command that grants exactly what is missing.
 *
 * @param verdict allowed, denied or cannot tell
 * @param evidence one line per fact that decided the verdict
 * @param fix command to run for a denial
 * @param notes advice that does not change the verdict (over-broad roles, compound entries)
 */
public record Evaluation(
    Verdict verdict, List<String> evidence, Optional<String> fix, List<String> notes) {
  public Evaluation {
    Objects.requireNonNull(verdict);
    evidence = List.copyOf(evidence);
    Objects.requireNonNull(fix);
    notes = List.copyOf(notes);
  }

  static Evaluation cannotTell(String why) {
    return new Evaluation(Verdict.CANNOT_TELL, List.of(why), Optional.empty(), List.of());
  }
}
