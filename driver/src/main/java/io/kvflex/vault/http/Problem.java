package io.kvflex.vault.http;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One diagnosed failure, in words we wrote ourselves: what answered (or did not), where, with which
 * HTTP status, the likely cause and the fix. Never built from SDK or server text except for short
 * codes matched by a strict pattern (e.g. {@code AADSTS7000215}, {@code ForbiddenByRbac}), so no
 * token or secret can reach a message through it.
 *
 * @param what e.g. {@code Entra ID refused the token request (invalid_client, AADSTS7000215)}
 * @param endpoint URL that was called (no query secrets: we never put secrets in URLs)
 * @param status HTTP status, when there was an answer
 * @param cause the likely cause, one sentence
 * @param fix what to do, one sentence
 */
public record Problem(String what, String endpoint, OptionalInt status, String cause, String fix) {
  public Problem {
    Objects.requireNonNull(what);
    Objects.requireNonNull(endpoint);
    Objects.requireNonNull(status);
    Objects.requireNonNull(cause);
    Objects.requireNonNull(fix);
  }

  public static Problem of(String what, String endpoint, int status, String cause, String fix) {
    return new Problem(
        what, endpoint, status > 0 ? OptionalInt.of(status) : OptionalInt.empty(), cause, fix);
  }

  /** {@code <what> [HTTP n] at <endpoint>: <cause>; fix: <fix>} on one line. */
  public String describe() {
    StringBuilder sb = new StringBuilder(what);
    status.ifPresent(s -> sb.append(" [HTTP ").append(s).append(']'));
    sb.append(" at ").append(endpoint).append(": ").append(cause).append("; fix: ").append(fix);
    return oneLine(sb.toString());
  }

  /** Collapses CR, LF and other control characters so a message stays one kubelet-safe line. */
  public static String oneLine(String s) {
    return s.replaceAll("[\\p{Cntrl}]+", " ").replaceAll(" {2,}", " ").trim();
  }
}
