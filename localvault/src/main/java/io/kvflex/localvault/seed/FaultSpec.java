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
    return with(
        tokenLatencyMs,
        truncateRate,
        n,
        malformedNext,
        stallMs,
        dripMs,
        tokenResetRate,
        oversizeBytes);
  }

  /** These faults, with a share of vault answers breaking off mid-body. */
  public FaultSpec withTruncateRate(double rate) {
    return with(
        tokenLatencyMs,
        rate,
        truncateNext,
        malformedNext,
        stallMs,
        dripMs,
        tokenResetRate,
        oversizeBytes);
  }

  /** These faults, with the next {@code n} vault answers carrying half their JSON. */
  public FaultSpec withMalformedNext(int n) {
    return with(
        tokenLatencyMs,
        truncateRate,
        truncateNext,
        n,
        stallMs,
        dripMs,
        tokenResetRate,
        oversizeBytes);
  }

  /** These faults, with every vault answer stalling mid-body for {@code ms}. */
  public FaultSpec withStallMs(long ms) {
    return with(
        tokenLatencyMs,
        truncateRate,
        truncateNext,
        malformedNext,
        ms,
        dripMs,
        tokenResetRate,
        oversizeBytes);
  }

  /** These faults, with every vault answer's body dripping one byte per {@code ms}. */
  public FaultSpec withDripMs(long ms) {
    return with(
        tokenLatencyMs,
        truncateRate,
        truncateNext,
        malformedNext,
        stallMs,
        ms,
        tokenResetRate,
        oversizeBytes);
  }

  /** These faults, with a share of token requests dropped without an answer. */
  public FaultSpec withTokenResetRate(double rate) {
    return with(
        tokenLatencyMs,
        truncateRate,
        truncateNext,
        malformedNext,
        stallMs,
        dripMs,
        rate,
        oversizeBytes);
  }

  /** These faults, with every token request answered after {@code ms}. */
  public FaultSpec withTokenLatencyMs(long ms) {
    return with(
        ms,
        truncateRate,
        truncateNext,
        malformedNext,
        stallMs,
        dripMs,
        tokenResetRate,
        oversizeBytes);
  }

  /** These faults, with every vault answer padded to {@code bytes}. */
  public FaultSpec withOversizeBytes(long bytes) {
    return with(
        tokenLatencyMs,
        truncateRate,
        truncateNext,
        malformedNext,
        stallMs,
        dripMs,
        tokenResetRate,
        bytes);
  }

  /** These request-level faults with the given token and answer-body faults. */
  private FaultSpec with(
      long tokenLatency,
      double truncateShare,
      int truncateCount,
      int malformedCount,
      long stall,
      long drip,
      double tokenResetShare,
      long oversize) {
    return new FaultSpec(
        latencyMs,
        throttleRate,
        throttleNext,
        retryAfterSeconds,
        errorRate,
        errorStatus,
        resetRate,
        tokenLatency,
        truncateShare,
        truncateCount,
        malformedCount,
        stall,
        drip,
        tokenResetShare,
        oversize);
  }
}
