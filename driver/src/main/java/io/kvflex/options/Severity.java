package io.kvflex.options;

/** How bad an {@link OptionProblem} is: only {@link #ERROR} stops a mount. */
public enum Severity {
  /** The volume cannot be mounted until the option is fixed. */
  ERROR,
  /** The mount proceeds, but the option is probably not what the user meant (e.g. a typo). */
  WARNING,
  /** Advice only, e.g. a legacy option name that still works. */
  INFO
}
