package io.kvflex.localvault.http;

import io.kvflex.localvault.seed.FaultSpec;
import java.util.Map;

/** A fault setting from admin JSON; missing fields take the "no fault" values. */
final class FaultJson {
  private FaultJson() {}

  static FaultSpec parse(Map<String, Object> m) {
    for (String k : m.keySet()) {
      if (!FaultSpec.FIELDS.contains(k)) {
        throw new IllegalArgumentException(
            "unknown fault field '" + k + "'; allowed: " + FaultSpec.FIELDS);
      }
    }
    FaultSpec d = FaultSpec.NONE;
    return new FaultSpec(
        num(m, "latencyMs", d.latencyMs()).longValue(),
        num(m, "throttleRate", d.throttleRate()).doubleValue(),
        num(m, "throttleNext", d.throttleNext()).intValue(),
        num(m, "retryAfterSeconds", d.retryAfterSeconds()).intValue(),
        num(m, "errorRate", d.errorRate()).doubleValue(),
        num(m, "errorStatus", d.errorStatus()).intValue(),
        num(m, "resetRate", d.resetRate()).doubleValue(),
        num(m, "tokenLatencyMs", d.tokenLatencyMs()).longValue(),
        num(m, "truncateRate", d.truncateRate()).doubleValue(),
        num(m, "truncateNext", d.truncateNext()).intValue(),
        num(m, "malformedNext", d.malformedNext()).intValue(),
        num(m, "stallMs", d.stallMs()).longValue(),
        num(m, "dripMs", d.dripMs()).longValue(),
        num(m, "tokenResetRate", d.tokenResetRate()).doubleValue(),
        num(m, "oversizeBytes", d.oversizeBytes()).longValue());
  }

  private static Number num(Map<String, Object> m, String key, Number dflt) {
    Object v = m.get(key);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException("fault field '" + key + "' must be a number");
    }
    return n;
  }
}
