package io.kvflex.kvctl.kubelet;

import io.kvflex.kvctl.manifest.Workload;
import io.kvflex.kvctl.manifest.YNode;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * What the kubelet knows about the pod a volume is mounted for, i.e. the {@code
 * kubernetes.io/pod.*} keys and the fsGroup it passes to the driver.
 *
 * @param name pod name (for a controller's pod template: the controller's name, since the real pod
 *     name is generated)
 * @param namespace pod namespace
 * @param uid pod UID
 * @param serviceAccount {@code spec.serviceAccountName}, {@code default} when not written
 * @param fsGroup {@code spec.securityContext.fsGroup} when written
 */
public record PodContext(
    String name, String namespace, String uid, String serviceAccount, OptionalLong fsGroup) {

  public PodContext {
    Objects.requireNonNull(name);
    Objects.requireNonNull(namespace);
    Objects.requireNonNull(uid);
    Objects.requireNonNull(serviceAccount);
    Objects.requireNonNull(fsGroup);
  }

  /**
   * The pod of a workload as written. A manifest has no UID, so a stable one is derived from the
   * namespace and name (the same manifest always yields the same options).
   */
  public static PodContext of(Workload workload) {
    YNode.YMap spec = at(workload.owner(), workload.podSpecPointer());
    String namespace = workload.owner().effectiveNamespace();
    String name = workload.owner().name();
    String serviceAccount =
        spec.string("serviceAccountName")
            .or(() -> spec.string("serviceAccount"))
            .filter(s -> !s.isBlank())
            .orElse("default");
    OptionalLong fsGroup =
        spec.map("securityContext")
            .flatMap(sc -> sc.string("fsGroup"))
            .flatMap(PodContext::parseLong)
            .map(OptionalLong::of)
            .orElse(OptionalLong.empty());
    String uid =
        UUID.nameUUIDFromBytes((namespace + "/" + name).getBytes(StandardCharsets.UTF_8))
            .toString();
    return new PodContext(name, namespace, uid, serviceAccount, fsGroup);
  }

  /** The same pod in another namespace (kubectl apply -n). */
  public PodContext inNamespace(String ns) {
    return new PodContext(name, ns, uid, serviceAccount, fsGroup);
  }

  private static java.util.Optional<Long> parseLong(String s) {
    try {
      return java.util.Optional.of(Long.parseLong(s.strip()));
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }

  /**
   * The map at a JSON pointer inside {@code owner}'s document (pointers start with the object's own
   * pointer, e.g. {@code /items/2}), or an empty map.
   */
  static YNode.YMap at(io.kvflex.kvctl.manifest.KubeObject owner, String pointer) {
    YNode.YMap root = owner.root();
    String relative =
        pointer.startsWith(owner.pointer()) ? pointer.substring(owner.pointer().length()) : pointer;
    YNode node = root;
    for (String part : relative.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      String key = part.replace("~1", "/").replace("~0", "~");
      if (node instanceof YNode.YMap m && m.get(key).isPresent()) {
        node = m.get(key).get();
      } else if (node instanceof YNode.YList l && key.matches("\\d+")) {
        int i = Integer.parseInt(key);
        node = i < l.items().size() ? l.items().get(i) : null;
      } else {
        node = null;
      }
      if (node == null) {
        break;
      }
    }
    return node instanceof YNode.YMap m ? m : new YNode.YMap(java.util.Map.of(), root.location());
  }
}
