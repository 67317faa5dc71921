package io.kvflex.kvctl.access;

import java.util.Objects;

/**
 * What the real data-plane GET as the identity returned (never the value).
 *
 * @param outcome read, denied (401/403) or something else (404, network)
 * @param detail one line: version read, or the error
 */
public record ProbeOutcome(Kind outcome, String detail) {
  public enum Kind {
    /** 200: the object was read. */
    READ,
    /** 403 (or 401): the permission check failed. */
    DENIED,
    /** Anything else (missing object, network, token): says nothing about permissions. */
    OTHER
  }

  public ProbeOutcome {
    Objects.requireNonNull(outcome);
    Objects.requireNonNull(detail);
  }
}
