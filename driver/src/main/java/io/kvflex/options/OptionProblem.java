package io.kvflex.options;

import java.util.Objects;

/**
 * One finding about the volume options. Shared by the driver (its Failure message) and {@code kvctl
 * lint} (which points at the line of {@link #option()} and maps {@link #ruleId()} to a rule).
 *
 * @param ruleId stable kebab-case id, one of {@link OptionRule#id()}
 * @param severity whether it blocks the mount
 * @param option the option key it is about (e.g. {@code keyvaultobjectaliases}); never empty
 * @param message names the option, says what is wrong and how to fix it; never a secret value
 */
public record OptionProblem(String ruleId, Severity severity, String option, String message) {
  public OptionProblem {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(option, "option");
    Objects.requireNonNull(message, "message");
  }

  /** A problem of {@code rule} with the rule's severity. */
  public static OptionProblem of(OptionRule rule, String option, String message) {
    return new OptionProblem(rule.id(), rule.severity(), option, message);
  }

  /** The rule this problem belongs to. */
  public OptionRule rule() {
    return OptionRule.fromId(ruleId).orElseThrow();
  }
}
