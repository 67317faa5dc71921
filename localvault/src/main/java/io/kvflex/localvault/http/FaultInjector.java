package io.kvflex.localvault.http;

import io.kvflex.localvault.seed.FaultSpec;
import io.kvflex.localvault.store.FaultState;
import io.kvflex.localvault.store.VaultState;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

/** Applies injected faults: latency, 429 Throttled, 5xx, dropped connections, slow tokens. */
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
    return false;
  }

  /** Latency for token endpoints: the global setting (token endpoints belong to no vault). */
  public void tokenDelay() {
    sleep(global.get().spec().tokenLatencyMs());
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
    return new java.util.LinkedHashMap<>(
        Map.of(
            "latencyMs", f.latencyMs(),
            "throttleRate", f.throttleRate(),
            "throttleNext", s.throttleLeft(),
            "retryAfterSeconds", f.retryAfterSeconds(),
            "errorRate", f.errorRate(),
            "errorStatus", f.errorStatus(),
            "resetRate", f.resetRate(),
            "tokenLatencyMs", f.tokenLatencyMs()));
  }
}
