package io.kvflex.localvault.seed;

import java.util.Map;

/** Parses a {@code faults:} block. */
final class FaultParser {
  private FaultParser() {}

  static FaultSpec parse(YamlNode n) {
    Map<String, YamlNode> f = n.fields(FaultSpec.FIELDS);
    FaultSpec d = FaultSpec.NONE;
    return new FaultSpec(
        YamlNode.opt(f, "latencyMs").map(v -> v.integer(0, 600_000)).orElse(d.latencyMs()),
        YamlNode.opt(f, "throttleRate").map(v -> v.decimal(0, 1)).orElse(d.throttleRate()),
        YamlNode.opt(f, "throttleNext").map(v -> v.smallInt(0, 1_000_000)).orElse(d.throttleNext()),
        YamlNode.opt(f, "retryAfterSeconds")
            .map(v -> v.smallInt(-1, 3600))
            .orElse(d.retryAfterSeconds()),
        YamlNode.opt(f, "errorRate").map(v -> v.decimal(0, 1)).orElse(d.errorRate()),
        YamlNode.opt(f, "errorStatus").map(v -> v.smallInt(500, 599)).orElse(d.errorStatus()),
        YamlNode.opt(f, "resetRate").map(v -> v.decimal(0, 1)).orElse(d.resetRate()),
        YamlNode.opt(f, "tokenLatencyMs")
            .map(v -> v.integer(0, 600_000))
            .orElse(d.tokenLatencyMs()),
        YamlNode.opt(f, "truncateRate").map(v -> v.decimal(0, 1)).orElse(d.truncateRate()),
        YamlNode.opt(f, "truncateNext").map(v -> v.smallInt(0, 1_000_000)).orElse(d.truncateNext()),
        YamlNode.opt(f, "malformedNext")
            .map(v -> v.smallInt(0, 1_000_000))
            .orElse(d.malformedNext()),
        YamlNode.opt(f, "stallMs").map(v -> v.integer(0, 600_000)).orElse(d.stallMs()),
        YamlNode.opt(f, "dripMs").map(v -> v.integer(0, 60_000)).orElse(d.dripMs()),
        YamlNode.opt(f, "tokenResetRate").map(v -> v.decimal(0, 1)).orElse(d.tokenResetRate()),
        YamlNode.opt(f, "oversizeBytes")
            .map(v -> v.integer(0, FaultSpec.MAX_OVERSIZE))
            .orElse(d.oversizeBytes()));
  }
}
