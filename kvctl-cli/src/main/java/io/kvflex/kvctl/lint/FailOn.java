package io.kvflex.kvctl.lint;

import io.kvflex.options.Severity;

/** The {@code --fail-on} threshold: the lowest severity that makes lint exit 1. */
public enum FailOn {
  ERROR,
  WARNING,
  INFO,
  /** Never fail because of findings (exit 0 unless input cannot be read). */
  NONE;

  /** Whether an active finding of {@code s} fails the run. */
  public boolean fails(Severity s) {
    return switch (this) {
      case NONE -> false;
      case ERROR -> s == Severity.ERROR;
      case WARNING -> s != Severity.INFO;
      case INFO -> true;
    };
  }

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
