package io.kvflex.e2e.framework;

import java.util.Base64;
import java.util.Map;

/**
 * Writes a {@link PodSpec} as the manifests a user applies: the {@code secretRef} Secret (type
 * {@code azure/kv}, values base64 under {@code data}, as {@code kubectl} stores them) and the Pod.
 * Every scalar is a JSON-escaped double-quoted string, which YAML reads verbatim.
 */
public final class PodManifests {
  /** The image of the test pod's container (k3s backend); the host backend never runs it. */
  public static final String POD_IMAGE = "busybox:1.36.1";

  /** Where the container sees the volume. */
  public static final String MOUNT_PATH = "/kv";

  private PodManifests() {}

  /** The Secret manifest, or empty text when the pod has no credentials. */
  public static String secret(PodSpec pod) {
    if (pod.credentials().isEmpty()) {
      return "";
    }
    StringBuilder y = new StringBuilder();
    y.append("apiVersion: v1\nkind: Secret\nmetadata:\n");
    y.append("  name: ").append(q(pod.secretName())).append('\n');
    y.append("  namespace: ").append(q(pod.namespace())).append('\n');
    y.append("type: \"azure/kv\"\ndata:\n");
    for (Map.Entry<String, byte[]> e : pod.credentials().get().entrySet()) {
      y.append("  ")
          .append(q(e.getKey()))
          .append(": ")
          .append(q(Base64.getEncoder().encodeToString(e.getValue())))
          .append('\n');
    }
    return y.toString();
  }

  /** The Pod manifest with its one {@code azure/kv} volume. */
  public static String pod(PodSpec pod) {
    StringBuilder y = new StringBuilder();
    y.append("apiVersion: v1\nkind: Pod\nmetadata:\n");
    y.append("  name: ").append(q(pod.name())).append('\n');
    y.append("  namespace: ").append(q(pod.namespace())).append('\n');
    y.append("spec:\n");
    pod.fsGroup()
        .ifPresent(g -> y.append("  securityContext:\n    fsGroup: ").append(g).append('\n'));
    y.append("  terminationGracePeriodSeconds: 1\n");
    y.append("  containers:\n");
    y.append("    - name: app\n");
    y.append("      image: ").append(q(POD_IMAGE)).append('\n');
    y.append("      imagePullPolicy: IfNotPresent\n");
    y.append("      command: [\"sleep\", \"3600\"]\n");
    y.append("      volumeMounts:\n");
    y.append("        - name: ").append(q(pod.volume())).append('\n');
    y.append("          mountPath: ").append(q(MOUNT_PATH)).append('\n');
    y.append("          readOnly: true\n");
    y.append("  volumes:\n");
    y.append("    - name: ").append(q(pod.volume())).append('\n');
    y.append("      flexVolume:\n");
    y.append("        driver: \"azure/kv\"\n");
    if (pod.credentials().isPresent()) {
      y.append("        secretRef:\n          name: ").append(q(pod.secretName())).append('\n');
    }
    y.append("        options:\n");
    pod.options()
        .forEach(
            (k, v) -> y.append("          ").append(q(k)).append(": ").append(q(v)).append('\n'));
    return y.toString();
  }

  /** Secret (when any) and Pod in one multi-document file, as a user would keep them. */
  public static String both(PodSpec pod) {
    String secret = secret(pod);
    return secret.isEmpty() ? pod(pod) : secret + "---\n" + pod(pod);
  }

  /** A YAML double-quoted scalar (JSON string escaping is valid YAML). */
  static String q(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
