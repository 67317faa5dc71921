package io.kvflex.kvctl.lint;

import io.kvflex.kvctl.manifest.KubeObject;
import io.kvflex.kvctl.manifest.Manifests;
import io.kvflex.kvctl.manifest.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Marks findings as suppressed (they stay in the output, flagged, and are counted): by the object's
 * annotation {@code kvflex.io/ignore-<rule-id>: "<reason>"} (or {@code kvflex.io/ignore-all}), on
 * the object or on its pod template, and by the {@link LintConfig} rules.
 */
public final class Suppressions {
  /** Annotation prefix; the rule id follows. */
  public static final String ANNOTATION_PREFIX = "kvflex.io/ignore-";

  /** Annotation suppressing every rule for the object. */
  public static final String IGNORE_ALL = ANNOTATION_PREFIX + "all";

  private Suppressions() {}

  public static List<Finding> apply(
      List<Finding> findings, Manifests manifests, LintConfig config, String configSource) {
    Map<String, Map<String, String>> annotations = annotationsByObject(manifests);
    List<Finding> out = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      Optional<String> reason = config.suppressionOf(f.rule().id(), configSource);
      if (reason.isEmpty() && f.object().isPresent()) {
        Map<String, String> a =
            annotations.getOrDefault(key(f.location().file(), f.object().get()), Map.of());
        String specific = ANNOTATION_PREFIX + f.rule().id();
        String which =
            a.containsKey(specific) ? specific : a.containsKey(IGNORE_ALL) ? IGNORE_ALL : null;
        if (which != null) {
          String why = a.get(which).isBlank() ? "(no reason given)" : a.get(which).strip();
          reason = Optional.of("annotation " + which + ": " + why);
        }
      }
      out.add(reason.map(f::suppress).orElse(f));
    }
    return out;
  }

  private static Map<String, Map<String, String>> annotationsByObject(Manifests manifests) {
    Map<String, Map<String, String>> out = new HashMap<>();
    for (KubeObject o : manifests.objects()) {
      out.computeIfAbsent(key(o.location().file(), Finding.ObjectRef.of(o)), k -> new HashMap<>())
          .putAll(o.annotations());
    }
    for (Workload w : manifests.workloads()) {
      Map<String, String> a =
          out.computeIfAbsent(
              key(w.owner().location().file(), Finding.ObjectRef.of(w.owner())),
              k -> new HashMap<>());
      w.podAnnotations().forEach(a::putIfAbsent);
    }
    return out;
  }

  private static String key(String file, Finding.ObjectRef ref) {
    return file + "\u0000" + ref;
  }
}
