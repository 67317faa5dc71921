package io.kvflex.kvctl.access;

/** The answer for one object: will the identity be allowed to read it. */
public enum Verdict {
  ALLOWED("allowed"),
  DENIED("denied"),
  /** Not enough information (caller lacks read rights, ABAC condition, unreadable groups...). */
  CANNOT_TELL("cannot tell");

  private final String label;

  Verdict(String label) {
    this.label = label;
  }

  /** How the verdict is printed in the table and JSON. */
  public String label() {
    return label;
  }
}
