package io.kvflex.kvctl.lint;

import io.kvflex.kvctl.cli.Suggestions;
import io.kvflex.kvctl.manifest.KubeObject;
import io.kvflex.kvctl.manifest.Manifests;
import io.kvflex.kvctl.manifest.Workload;
import io.kvflex.kvctl.manifest.YNode;
import java.util.List;
import java.util.Optional;

/**
 * {@code unknown-suppression}: a {@code kvflex.io/ignore-<id>} annotation (on an object or its pod
 * template) whose id is no rule. It suppressed nothing, silently; now it is reported at the
 * annotation with the closest rule ids.
 */
final class SuppressionAnnotations {
  private SuppressionAnnotations() {}

  static void check(Manifests manifests, List<Finding> out) {
    for (KubeObject o : manifests.objects()) {
      annotations(o.root(), "/metadata")
          .ifPresent(a -> check(o, a, o.pointer() + "/metadata/annotations", out));
    }
    for (Workload w : manifests.workloads()) {
      String spec = w.podSpecPointer();
      String owner = w.owner().pointer();
      if (!spec.endsWith("/spec") || spec.equals(owner + "/spec")) {
        continue; // a Pod: its own metadata, checked above
      }
      String template = spec.substring(owner.length(), spec.length() - "/spec".length());
      annotations(w.owner().root(), template + "/metadata")
          .ifPresent(a -> check(w.owner(), a, owner + template + "/metadata/annotations", out));
    }
  }

  private static void check(
      KubeObject o, YNode.YMap annotations, String pointer, List<Finding> out) {
    List<String> ids = Rules.all().stream().map(Rule::id).toList();
    for (String key : annotations.entries().keySet()) {
      if (!key.startsWith(Suppressions.ANNOTATION_PREFIX) || key.equals(Suppressions.IGNORE_ALL)) {
        continue;
      }
      String id = key.substring(Suppressions.ANNOTATION_PREFIX.length());
      if (Rules.byId(id).isPresent()) {
        continue;
      }
      List<String> close = Suggestions.closest(id, ids);
      out.add(
          new Finding(
              ManifestRules.UNKNOWN_SUPPRESSION,
              "annotation "
                  + key
                  + " names no lint rule, so it suppresses nothing"
                  + (close.isEmpty()
                      ? "; kvctl rules lists the ids"
                      : "; did you mean " + Suppressions.ANNOTATION_PREFIX + close.get(0) + "?"),
              annotations.keyLocation(key),
              pointer + "/" + io.kvflex.kvctl.manifest.JsonPointer.escape(key),
              Optional.of(Finding.ObjectRef.of(o)),
              Optional.empty(),
              Optional.empty()));
    }
  }

  /** The annotations map under {@code metadataPointer} (relative to the object root). */
  private static Optional<YNode.YMap> annotations(YNode.YMap root, String metadataPointer) {
    YNode.YMap node = root;
    for (String part : metadataPointer.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      Optional<YNode.YMap> next = node.map(part);
      if (next.isEmpty()) {
        return Optional.empty();
      }
      node = next.get();
    }
    return node.map("annotations");
  }
}
