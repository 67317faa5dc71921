package io.kvflex.localvault.seed;

import java.util.Map;
import java.util.Set;

/** Parses a {@code faults:} block. */
final class FaultParser {
  private static final Set<String> KEYS =
      Set.of(
          "latencyMs",
          "throttleRate",
          "throttleNext",
          "retryAfterSeconds",
          "errorRate",
          "errorStatus",
          "resetRate",
          "tokenLatencyMs");

  private FaultParser() {}

  static FaultSpec parse(YamlNode n) {
    Map<String, YamlNode> f = n.fields(KEYS);
    return new FaultSpec(
        YamlNode.opt(f, "latencyMs").map(v -> v.integer(0, 600_000)).orElse(0L),
        YamlNode.opt(f, "throttleRate").map(v -> v.decimal(0, 1)).orElse(0.0),
        YamlNode.opt(f, "throttleNext").map(v -> v.smallInt(0, 1_000_000)).orElse(0),
        YamlNode.opt(f, "retryAfterSeconds").map(v -> v.smallInt(-1, 3600)).orElse(-1),
        YamlNode.opt(f, "errorRate").map(v -> v.decimal(0, 1)).orElse(0.0),
        YamlNode.opt(f, "errorStatus").map(v -> v.smallInt(500, 599)).orElse(503),
        YamlNode.opt(f, "resetRate").map(v -> v.decimal(0, 1)).orElse(0.0),
        YamlNode.opt(f, "tokenLatencyMs").map(v -> v.integer(0, 600_000)).orElse(0L));
  }
}
