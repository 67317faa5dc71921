package io.kvflex.localvault.seed;

import java.util.Set;
import java.util.function.Consumer;

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
 * @param truncateRate share (0..1) of vault answers whose connection closes after half the body
 *     (the length header promised all of it)
 * @param truncateNext the next N vault answers break off so (counts down)
 * @param malformedNext the next N vault answers carry only the first half of their JSON body, with
 *     a length header that matches it (counts down)
 * @param stallMs when positive, every vault answer stops after half its body, stays silent this
 *     long, then closes the connection
 * @param dripMs when positive, every vault answer's body is sent one byte at a time, this long
 *     apart
 * @param tokenResetRate share (0..1) of token requests (Entra ID, IMDS, NMI) whose connection is
 *     closed without an answer
 * @param oversizeBytes when positive, every vault answer's JSON is padded to this many bytes (a
 *     field {@code localvault_padding}), as if it held an object far over Key Vault's limits
 */
public record FaultSpec(
    long latencyMs,
    double throttleRate,
    int throttleNext,
    int retryAfterSeconds,
    double errorRate,
    int errorStatus,
    double resetRate,
    long tokenLatencyMs,
    double truncateRate,
    int truncateNext,
    int malformedNext,
    long stallMs,
    long dripMs,
    double tokenResetRate,
    long oversizeBytes) {

  public static final FaultSpec NONE = new FaultSpec(0, 0, 0, -1, 0, 503, 0, 0);

  /** The largest padded answer (each one is built in memory). */
  public static final long MAX_OVERSIZE = 64L << 20;

  /** The request-level faults only (answer bodies and token connections untouched). */
  public FaultSpec(
      long latencyMs,
      double throttleRate,
      int throttleNext,
      int retryAfterSeconds,
      double errorRate,
      int errorStatus,
      double resetRate,
      long tokenLatencyMs) {
    this(
        latencyMs,
        throttleRate,
        throttleNext,
        retryAfterSeconds,
        errorRate,
        errorStatus,
        resetRate,
        tokenLatencyMs,
        0,
        0,
        0,
        0,
        0,
        0,
        0);
  }

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
          "tokenLatencyMs",
          "truncateRate",
          "truncateNext",
          "malformedNext",
          "stallMs",
          "dripMs",
          "tokenResetRate",
          "oversizeBytes");

  public FaultSpec {
    requireRate("throttleRate", throttleRate);
    requireRate("errorRate", errorRate);
    requireRate("resetRate", resetRate);
    requireRate("truncateRate", truncateRate);
    requireRate("tokenResetRate", tokenResetRate);
    if (latencyMs < 0
        || tokenLatencyMs < 0
        || throttleNext < 0
        || truncateNext < 0
        || malformedNext < 0
        || stallMs < 0
        || dripMs < 0
        || oversizeBytes < 0
        || oversizeBytes > MAX_OVERSIZE) {
      throw new IllegalArgumentException(
          "latencies, stallMs, dripMs and the ...Next counts must not be negative, and"
              + " oversizeBytes must be 0 to "
              + MAX_OVERSIZE);
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

  /** These faults, with the next {@code n} vault answers breaking off mid-body. */
  public FaultSpec withTruncateNext(int n) {
    return edit(d -> d.truncateNext = n);
  }

  /** These faults, with a share of vault answers breaking off mid-body. */
  public FaultSpec withTruncateRate(double rate) {
    return edit(d -> d.truncateRate = rate);
  }

  /** These faults, with the next {@code n} vault answers carrying half their JSON. */
  public FaultSpec withMalformedNext(int n) {
    return edit(d -> d.malformedNext = n);
  }

  /** These faults, with every vault answer stalling mid-body for {@code ms}. */
  public FaultSpec withStallMs(long ms) {
    return edit(d -> d.stallMs = ms);
  }

  /** These faults, with every vault answer's body dripping one byte per {@code ms}. */
  public FaultSpec withDripMs(long ms) {
    return edit(d -> d.dripMs = ms);
  }

  /** These faults, with a share of token requests dropped without an answer. */
  public FaultSpec withTokenResetRate(double rate) {
    return edit(d -> d.tokenResetRate = rate);
  }

  /** These faults, with every token request answered after {@code ms}. */
  public FaultSpec withTokenLatencyMs(long ms) {
    return edit(d -> d.tokenLatencyMs = ms);
  }

  /** These faults, with every vault answer padded to {@code bytes}. */
  public FaultSpec withOversizeBytes(long bytes) {
    return edit(d -> d.oversizeBytes = bytes);
  }

  /** A copy of these faults with {@code change} applied (validated like any other). */
  private FaultSpec edit(Consumer<Draft> change) {
    Draft d = new Draft(this);
    change.accept(d);
    return d.build();
  }

  /** The fields of a spec being edited; one place that copies all of them. */
  private static final class Draft {
    private long latencyMs;
    private double throttleRate;
    private int throttleNext;
    private int retryAfterSeconds;
    private double errorRate;
    private int errorStatus;
    private double resetRate;
    private long tokenLatencyMs;
    private double truncateRate;
    private int truncateNext;
    private int malformedNext;
    private long stallMs;
    private long dripMs;
    private double tokenResetRate;
    private long oversizeBytes;

    Draft(FaultSpec f) {
      latencyMs = f.latencyMs;
      throttleRate = f.throttleRate;
      throttleNext = f.throttleNext;
      retryAfterSeconds = f.retryAfterSeconds;
      errorRate = f.errorRate;
      errorStatus = f.errorStatus;
      resetRate = f.resetRate;
      tokenLatencyMs = f.tokenLatencyMs;
      truncateRate = f.truncateRate;
      truncateNext = f.truncateNext;
      malformedNext = f.malformedNext;
      stallMs = f.stallMs;
      dripMs = f.dripMs;
      tokenResetRate = f.tokenResetRate;
      oversizeBytes = f.oversizeBytes;
    }

    FaultSpec build() {
      return new FaultSpec(
          latencyMs,
          throttleRate,
          throttleNext,
          retryAfterSeconds,
          errorRate,
          errorStatus,
          resetRate,
          tokenLatencyMs,
          truncateRate,
          truncateNext,
          malformedNext,
          stallMs,
          dripMs,
          tokenResetRate,
          oversizeBytes);
    }
  }
}
