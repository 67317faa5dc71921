package io.kvflex.kvctl.manifest;

import java.util.Locale;

/**
 * What a YAML file that is not a Kubernetes object most likely is, and what to do with it: Helm's
 * Chart.yaml and values files, kustomize's kustomization file, CI workflows. The hint is appended
 * to the not-kubernetes-object finding.
 */
final class NotAManifest {
  private NotAManifest() {}

  /** {@code "; ..."} with the hint, or empty when the shape says nothing. */
  static String hint(String file, YNode.YMap document) {
    String base = baseName(file).toLowerCase(Locale.ROOT);
    if (base.equals("chart.yaml") || base.equals("chart.yml")) {
      return "; it is a Helm Chart.yaml: lint the rendered chart instead (helm template DIR |"
          + " kvctl lint -)";
    }
    if (base.startsWith("values") && (base.endsWith(".yaml") || base.endsWith(".yml"))) {
      return "; it looks like Helm values: lint the rendered chart instead (helm template DIR -f"
          + " "
          + file
          + " | kvctl lint -)";
    }
    if (base.startsWith("kustomization.")) {
      return "; it is a kustomization: lint what it builds (kustomize build DIR | kvctl lint -)";
    }
    if (document.get("jobs").isPresent()
        && (document.get("on").isPresent() || document.get("true").isPresent())) {
      return "; it looks like a GitHub Actions workflow, not a manifest: leave it out (paths:"
          + " exclude in .kvctl.yaml)";
    }
    if (document.get("stages").isPresent() || document.get("steps").isPresent()) {
      return "; it looks like a CI pipeline, not a manifest: leave it out (paths: exclude in"
          + " .kvctl.yaml)";
    }
    return "";
  }

  private static String baseName(String file) {
    int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
    return slash < 0 ? file : file.substring(slash + 1);
  }
}
