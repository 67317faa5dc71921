package io.kvflex.kvctl.lint;

import io.kvflex.kvctl.manifest.Manifests;
import io.kvflex.kvctl.manifest.SecretObject;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code secretref-renamed}: the input holds no Secret named by the volume's secretRef, but an
 * azure/kv Secret whose name is that name plus what kustomize adds (a secretGenerator hash suffix
 * {@code -6f59m8ghbb}, a namePrefix, a nameSuffix). kustomize renamed the Secret and not the
 * reference, so every mount would fail.
 */
final class KustomizeRenames {
  /** kustomize's content hash: a dash and ten lower-case letters or digits. */
  private static final Pattern HASH = Pattern.compile("-[a-z0-9]{10}");

  private KustomizeRenames() {}

  static void check(VolumeContext ctx, Manifests manifests, String ref, List<Finding> out) {
    String namespace = ctx.workload().owner().effectiveNamespace();
    List<SecretObject> candidates =
        manifests.secrets().stream()
            .filter(s -> s.type().orElse("").equals(IdentityCheck.SECRET_TYPE))
            .filter(s -> s.object().effectiveNamespace().equals(namespace))
            .filter(s -> renamed(ref, s.object().name()))
            .toList();
    if (candidates.isEmpty()) {
      return;
    }
    String name = candidates.get(0).object().name();
    boolean hashed = endsWithHash(name);
    String how =
        hashed
            ? "a secretGenerator hash suffix"
            : name.startsWith(ref) ? "a nameSuffix" : "a namePrefix";
    String fix =
        hashed
            ? "set generatorOptions: {disableNameSuffixHash: true} on the generator, or add a"
                + " kustomize nameReference configuration for"
                + " spec/template/spec/volumes/flexVolume/secretRef/name"
            : "add a kustomize nameReference configuration for"
                + " spec/template/spec/volumes/flexVolume/secretRef/name so the reference is"
                + " renamed too";
    out.add(
        ctx.finding(
            ManifestRules.SECRETREF_RENAMED,
            "secretRef \""
                + ref
                + "\" of "
                + ctx.describe()
                + " names no Secret in the input, but azure/kv Secret \""
                + name
                + "\""
                + (candidates.size() > 1 ? " (and " + (candidates.size() - 1) + " more)" : "")
                + " looks like it, renamed by kustomize ("
                + how
                + ") while the reference kept the old name; the kubelet will not find it: "
                + fix,
            ctx.volume().secretRefLocation(),
            ctx.volume().pointer() + "/flexVolume/secretRef/name"));
  }

  /** {@code name} is {@code ref} with a prefix ending in "-" and/or a suffix starting with "-". */
  static boolean renamed(String ref, String name) {
    if (ref.isEmpty() || name.equals(ref)) {
      return false;
    }
    int at = name.indexOf(ref);
    while (at >= 0) {
      String prefix = name.substring(0, at);
      String suffix = name.substring(at + ref.length());
      boolean prefixOk = prefix.isEmpty() || prefix.endsWith("-");
      boolean suffixOk = suffix.isEmpty() || suffix.startsWith("-");
      if (prefixOk && suffixOk) {
        return true;
      }
      at = name.indexOf(ref, at + 1);
    }
    return false;
  }

  private static boolean endsWithHash(String name) {
    return name.length() > 11 && HASH.matcher(name.substring(name.length() - 11)).matches();
  }
}
