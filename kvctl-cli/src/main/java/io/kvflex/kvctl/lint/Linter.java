package io.kvflex.kvctl.lint;

import io.kvflex.kvctl.manifest.DocumentProblem;
import io.kvflex.kvctl.manifest.FlexVolume;
import io.kvflex.kvctl.manifest.Manifests;
import io.kvflex.kvctl.manifest.Workload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs every rule over the manifests and returns the findings in input order (file, line, column,
 * rule id). Stateless; the same instance may lint many inputs.
 */
public final class Linter {
  private final OptionsCheck options = new OptionsCheck();
  private final OptionShapeCheck shape = new OptionShapeCheck();
  private final IdentityCheck identity = new IdentityCheck();
  private final MountCheck mounts = new MountCheck();
  private final DuplicateFetchCheck duplicates = new DuplicateFetchCheck();
  private final RotationRateCheck rotationRate = new RotationRateCheck();
  private final VaultLocationCheck vaultLocation = new VaultLocationCheck();

  public List<Finding> lint(Manifests manifests) {
    List<Finding> out = new ArrayList<>();
    for (DocumentProblem p : manifests.problems()) {
      out.add(
          new Finding(
              ruleOf(p.kind()),
              p.message(),
              p.location(),
              "",
              Optional.empty(),
              Optional.empty(),
              Optional.empty()));
    }
    List<VolumeContext> all = new ArrayList<>();
    for (Workload w : manifests.workloads()) {
      driverNames(w, out);
      List<VolumeContext> volumes = new ArrayList<>();
      for (FlexVolume v : w.kvVolumes()) {
        VolumeContext ctx = options.check(w, v, manifests, out);
        shape.check(ctx, out);
        identity.check(ctx, manifests, out);
        volumes.add(ctx);
      }
      mounts.check(w, volumes, out);
      duplicates.check(volumes, out);
      all.addAll(volumes);
    }
    vaultLocation.check(all, out);
    rotationRate.check(all, out);
    SuppressionAnnotations.check(manifests, out);
    return order(out, manifests.inputs());
  }

  private static Rule ruleOf(DocumentProblem.Kind kind) {
    return switch (kind) {
      case UNPARSABLE -> ManifestRules.INVALID_YAML;
      case NOT_KUBERNETES -> ManifestRules.NOT_KUBERNETES_OBJECT;
      case UNREADABLE -> ManifestRules.UNREADABLE_INPUT;
      case UNRENDERED -> ManifestRules.UNRENDERED_TEMPLATE;
    };
  }

  private static void driverNames(Workload w, List<Finding> out) {
    for (FlexVolume v : w.flexVolumes()) {
      if (!v.isAzureKv() && looksLikeAzureKv(v.driver())) {
        out.add(
            new Finding(
                ManifestRules.UNKNOWN_DRIVER,
                "flexVolume driver \""
                    + v.driver()
                    + "\" of volume \""
                    + v.name()
                    + "\" is not a driver name kvflex installs; did you mean \"azure/kv\"? (the"
                    + " kubelet matches the name exactly)",
                v.location(),
                v.pointer() + "/flexVolume/driver",
                Optional.of(Finding.ObjectRef.of(w.owner())),
                Optional.of(v.name()),
                Optional.empty()));
      }
    }
  }

  static boolean looksLikeAzureKv(String driver) {
    String n = driver.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    return n.equals("azurekv")
        || n.contains("keyvault")
        || (n.contains("azure") && n.contains("kv"))
        || n.equals("kv");
  }

  /** Sorted by input order, line, column, rule id; exact duplicates (same rule, place) dropped. */
  private static List<Finding> order(List<Finding> findings, List<String> inputs) {
    Map<String, Integer> inputIndex = new HashMap<>();
    for (int i = 0; i < inputs.size(); i++) {
      inputIndex.putIfAbsent(inputs.get(i), i);
    }
    Set<String> seen = new LinkedHashSet<>();
    return findings.stream()
        .sorted(
            Comparator.<Finding>comparingInt(
                    f -> inputIndex.getOrDefault(f.location().file(), Integer.MAX_VALUE))
                .thenComparingInt(f -> f.location().line())
                .thenComparingInt(f -> f.location().column())
                .thenComparing(f -> f.rule().id()))
        .filter(
            f ->
                seen.add(
                    f.rule().id()
                        + "@"
                        + f.location().describe()
                        + "#"
                        + f.volume().orElse("")
                        + "#"
                        + f.message()))
        .toList();
  }
}
