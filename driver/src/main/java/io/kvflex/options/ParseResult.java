package io.kvflex.options;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link OptionsParser#parse} found: a request when there is no error, every error (not just
 * the first) and every non-fatal finding.
 *
 * @param request the validated request; present exactly when {@code problems} is empty
 * @param problems every {@link Severity#ERROR}, in option order
 * @param warnings every {@link Severity#WARNING} and {@link Severity#INFO} finding
 */
public record ParseResult(
    Optional<MountRequest> request, List<OptionProblem> problems, List<OptionProblem> warnings) {
  public ParseResult {
    Objects.requireNonNull(request);
    problems = List.copyOf(problems);
    warnings = List.copyOf(warnings);
    if (request.isPresent() != problems.isEmpty()) {
      throw new IllegalArgumentException("a request exists exactly when there is no problem");
    }
  }

  public boolean ok() {
    return problems.isEmpty();
  }
}
