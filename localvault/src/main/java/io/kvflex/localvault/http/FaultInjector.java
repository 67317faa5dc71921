package io.kvflex.localvault.http;

import io.kvflex.localvault.seed.FaultSpec;
import io.kvflex.localvault.store.FaultState;
import io.kvflex.localvault.store.VaultState;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

/**
 * Applies injected faults: latency, 429 Throttled, 5xx, dropped connections, answer bodies that
 * break off, are malformed, stall or drip, and slow or dropped token requests.
 */
public final class FaultInjector {
  private final AtomicReference<FaultState> global;
  private final RandomGenerator random;

  public FaultInjector(FaultSpec initial, RandomGenerator random) {
    this.global = new AtomicReference<>(new FaultState(initial));
    this.random = random;
  }

  public void setGlobal(FaultSpec spec) {
    global.set(new FaultState(spec));
  }

  public FaultState global() {
    return global.get();
  }

  /**
   * Applies the vault's faults (or the global ones). Returns true if the request was answered (or
   * dropped) here and must not be processed further.
   */
  public boolean apply(VaultState vault, Exchange ex) throws java.io.IOException {
    FaultState state = vault.faults().orElse(global.get());
    FaultSpec f = state.spec();
    sleep(f.latencyMs());
    if (f.resetRate() > 0 && random.nextDouble() < f.resetRate()) {
      ex.abort();
      return true;
    }
    if (state.takeForcedThrottle()
        || (f.throttleRate() > 0 && random.nextDouble() < f.throttleRate())) {
      if (f.retryAfterSeconds() >= 0) {
        ex.setResponseHeader("Retry-After", String.valueOf(f.retryAfterSeconds()));
      }
      ex.sendJson(
          429,
          KvErrors.body(
              "Throttled",
              "Request was not processed because too many requests were received. Reason:"
                  + " VaultRequestTypeLimitReached",
              Optional.empty()));
      return true;
    }
    if (f.errorRate() > 0 && random.nextDouble() < f.errorRate()) {
      ex.sendJson(
          f.errorStatus(),
          KvErrors.body(
              "ServiceUnavailable",
              "The service is temporarily unavailable (localvault injected fault).",
              Optional.empty()));
      return true;
    }
    bodyFault(state, f).ifPresent(ex::bodyFault);
    return false;
  }

  /** How this answer's body goes wrong, if at all. */
  private Optional<BodyFault> bodyFault(FaultState state, FaultSpec f) {
    if (state.takeForcedTruncation()
        || (f.truncateRate() > 0 && random.nextDouble() < f.truncateRate())) {
      return Optional.of(BodyFault.truncate());
    }
    if (state.takeForcedMalformed()) {
      return Optional.of(BodyFault.malformed());
    }
    if (f.stallMs() > 0) {
      return Optional.of(BodyFault.stall(f.stallMs()));
    }
    if (f.dripMs() > 0) {
      return Optional.of(BodyFault.drip(f.dripMs()));
    }
    if (f.oversizeBytes() > 0) {
      return Optional.of(BodyFault.oversize(f.oversizeBytes()));
    }
    return Optional.empty();
  }

  /**
   * The token endpoints' faults (global: they belong to no vault): the latency, then perhaps a
   * dropped connection. Returns true when the request was dropped and must not be answered.
   */
  public boolean tokenFault(Exchange ex) {
    FaultSpec f = global.get().spec();
    sleep(f.tokenLatencyMs());
    if (f.tokenResetRate() > 0 && random.nextDouble() < f.tokenResetRate()) {
      ex.abort();
      return true;
    }
    return false;
  }

  static void sleep(long ms) {
    if (ms > 0) {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** JSON view for the admin endpoint. */
  static Map<String, Object> describe(FaultState s) {
    FaultSpec f = s.spec();
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("latencyMs", f.latencyMs());
    m.put("throttleRate", f.throttleRate());
    m.put("throttleNext", s.throttleLeft());
    m.put("retryAfterSeconds", f.retryAfterSeconds());
    m.put("errorRate", f.errorRate());
    m.put("errorStatus", f.errorStatus());
    m.put("resetRate", f.resetRate());
    m.put("tokenLatencyMs", f.tokenLatencyMs());
    m.put("truncateRate", f.truncateRate());
    m.put("truncateNext", s.truncateLeft());
    m.put("malformedNext", s.malformedLeft());
    m.put("stallMs", f.stallMs());
    m.put("dripMs", f.dripMs());
    m.put("tokenResetRate", f.tokenResetRate());
    m.put("oversizeBytes", f.oversizeBytes());
    return m;
  }
}
