package io.kvflex.kvctl.lint;

import io.kvflex.options.KnownOptions;
import io.kvflex.options.MountRequest;
import io.kvflex.options.VaultObjectSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rotation polling measured against Key Vault's documented request limit, per vault, over every
 * workload in the input. Each poll of a rotating volume is one GET per distinct object that is not
 * pinned to a version (pinned ones are never re-fetched), in every pod of the workload; so a volume
 * adds {@code pods × objects × 10 s / interval} requests per 10 s to its vault. Key Vault allows
 * {@value #VAULT_LIMIT_PER_10S} per 10 s per vault (secrets, certificates, software RSA-2048 and EC
 * keys; see docs/rotation.md for the source and the heavier key types). A volume polling more often
 * than once a minute is flagged when its vault's total reaches {@value #WARN_PERCENT}% of that
 * limit: the rest is shared with mounts, other clients and 429 retries.
 */
final class RotationRateCheck {
  static final int VAULT_LIMIT_PER_10S = 4000;
  static final int WARN_PERCENT = 25;
  static final Duration FAST = Duration.ofMinutes(1);

  /** One rotating volume's share of its vault's budget. */
  private record Poller(VolumeContext ctx, MountRequest request, int objects, PodCount pods) {
    Duration interval() {
      return request.rotationPollInterval().orElseThrow();
    }

    double per10s(Duration interval) {
      return pods.pods() * (double) objects * 10_000d / interval.toMillis();
    }
  }

  void check(List<VolumeContext> volumes, List<Finding> out) {
    Map<String, List<Poller>> byVault = new LinkedHashMap<>();
    for (VolumeContext ctx : volumes) {
      ctx.parse()
          .request()
          .filter(MountRequest::rotates)
          .ifPresent(
              r ->
                  byVault
                      .computeIfAbsent(vaultKey(r), k -> new ArrayList<>())
                      .add(
                          new Poller(
                              ctx, r, rotatingObjects(r), PodCount.of(ctx.workload().owner()))));
    }
    for (List<Poller> pollers : byVault.values()) {
      double total = pollers.stream().mapToDouble(p -> p.per10s(p.interval())).sum();
      if (total * 100 < WARN_PERCENT * (double) VAULT_LIMIT_PER_10S) {
        continue;
      }
      for (Poller p : pollers) {
        if (p.interval().compareTo(FAST) < 0) {
          out.add(
              p.ctx()
                  .atOption(
                      ManifestRules.ROTATION_REQUEST_RATE,
                      KnownOptions.ROTATION_POLL_INTERVAL,
                      message(p, total, pollers.size())));
        }
      }
    }
  }

  private static String message(Poller p, double total, int volumes) {
    long mine = Math.round(Math.ceil(p.per10s(p.interval())));
    long vault = Math.round(Math.ceil(total));
    long percent = Math.round(Math.ceil(total * 100 / VAULT_LIMIT_PER_10S));
    long atFast = Math.round(Math.ceil(p.per10s(FAST)));
    return p.ctx().describe()
        + " re-fetches "
        + p.objects()
        + (p.objects() == 1 ? " object" : " objects")
        + " every "
        + text(p.interval())
        + " in "
        + p.pods().describe()
        + ": "
        + mine
        + " requests per 10 s"
        + (volumes > 1
            ? "; with the other rotating volumes of vault "
                + p.request().vaultName()
                + " in these manifests, "
                + vault
                + " per 10 s"
            : " to vault " + p.request().vaultName())
        + ", "
        + percent
        + "% of Key Vault's documented limit of "
        + VAULT_LIMIT_PER_10S
        + " requests per 10 s per vault; poll less often (at rotationpollinterval: \"1m\" this"
        + " volume makes "
        + atFast
        + " per 10 s) or spread the objects over more vaults";
  }

  /** Distinct objects a poll fetches: pinned versions are never re-fetched. */
  static int rotatingObjects(MountRequest r) {
    return (int)
        r.objects().stream()
            .filter(o -> o.version().isEmpty())
            .map(VaultObjectSpec::ref)
            .distinct()
            .count();
  }

  private static String vaultKey(MountRequest r) {
    return r.cloud().name() + "|" + r.vaultName().toLowerCase(Locale.ROOT);
  }

  /** {@code 5s}, {@code 30s}, {@code 1m30s}. */
  static String text(Duration d) {
    long s = d.toSeconds();
    if (s >= 60 && s % 60 == 0) {
      return s / 60 + "m";
    }
    return s >= 60 ? s / 60 + "m" + s % 60 + "s" : s + "s";
  }
}
