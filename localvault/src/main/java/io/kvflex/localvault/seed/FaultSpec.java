package io.kvflex.localvault.seed;

import java.util.Set;

/**
 * Injected faults, per vault or global.
 *
 * @param latencyMs added to every vault request
 * @param throttleRate share (0..1) of vault requests answered 429 Throttled
 * @param throttleNext the next N vault requests are answered 429 (counts down; deterministic tests)
 * @param retryAfterSeconds {@code Retry-After} on 429 answers, or -1 for none (the real service
 *     sends none)
 * @param errorRate share (0..1) of vault requests answered {@code errorStatus}
 * @param errorStatus the 5xx status used by {@code errorRate}
 * @param resetRate share (0..1) of vault requests whose connection is closed without an answer
 * @param tokenLatencyMs added to every token request (Entra ID, IMDS, NMI)
 */
public record FaultSpec(
    long latencyMs,
    double throttleRate,
    int throttleNext,
    int retryAfterSeconds,
    double errorRate,
    int errorStatus,
    double resetRate,
    long tokenLatencyMs) {

  public static final FaultSpec NONE = new FaultSpec(0, 0, 0, -1, 0, 503, 0, 0);

  /** The field names, as the seed file's {@code faults:} block and the admin JSON spell them. */
  public static final Set<String> FIELDS =
      Set.of(
          "latencyMs",
          "throttleRate",
          "throttleNext",
          "retryAfterSeconds",
          "errorRate",
          "errorStatus",
          "resetRate",
          "tokenLatencyMs");

  public FaultSpec {
    requireRate("throttleRate", throttleRate);
    requireRate("errorRate", errorRate);
    requireRate("resetRate", resetRate);
    if (latencyMs < 0 || tokenLatencyMs < 0 || throttleNext < 0) {
      throw new IllegalArgumentException("latencies and throttleNext must not be negative");
    }
    if (errorStatus < 500 || errorStatus > 599) {
      throw new IllegalArgumentException("errorStatus must be 5xx, not " + errorStatus);
    }
  }

  private static void requireRate(String name, double rate) {
    if (rate < 0 || rate > 1) {
      throw new IllegalArgumentException(name + " must be between 0 and 1, not " + rate);
    }
  }

  public boolean isNone() {
    return equals(NONE);
  }
}
