package io.kvflex.options;

import java.util.ArrayList;
import java.util.List;

/** Collects every finding of one parse, split by severity. */
final class Problems {
  private final List<OptionProblem> errors = new ArrayList<>();
  private final List<OptionProblem> warnings = new ArrayList<>();

  void add(OptionRule rule, String option, String message) {
    OptionProblem p = OptionProblem.of(rule, option, message);
    if (p.severity() == Severity.ERROR) {
      errors.add(p);
    } else {
      warnings.add(p);
    }
  }

  boolean hasErrors() {
    return !errors.isEmpty();
  }

  int errorCount() {
    return errors.size();
  }

  List<OptionProblem> errors() {
    return List.copyOf(errors);
  }

  List<OptionProblem> warnings() {
    return List.copyOf(warnings);
  }
}
