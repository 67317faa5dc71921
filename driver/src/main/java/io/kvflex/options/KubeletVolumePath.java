package io.kvflex.options;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The directory the kubelet passes to {@code mount} and {@code unmount}: {@code <kubelet
 * root>/pods/<pod uid>/volumes/azure~kv/<volume name>}, absolute and normalised. It is the one
 * value a pod author cannot choose, so it identifies the pod (the impersonation guard) and the
 * volume (the lock). Parsing only; no file is read.
 *
 * @param kubeletRoot the kubelet's root directory ({@code /var/lib/kubelet} by default)
 * @param podUid the pod uid segment
 * @param volumeName the volume name segment
 */
public record KubeletVolumePath(Path kubeletRoot, String podUid, String volumeName) {
  /** The plugin directory name of driver {@code azure/kv}. */
  public static final String PLUGIN_DIR = "azure~kv";

  private static final Pattern SHAPE =
      Pattern.compile("^(.*/)?pods/([^/]+)/volumes/" + Pattern.quote(PLUGIN_DIR) + "/([^/]+)/?$");

  /** The shape, when {@code dir} has it; a relative or non-normalised path never does. */
  public static Optional<KubeletVolumePath> parse(Path dir) {
    if (!dir.isAbsolute() || !dir.normalize().equals(dir)) {
      return Optional.empty();
    }
    Matcher m = SHAPE.matcher(dir.toString());
    if (!m.matches()) {
      return Optional.empty();
    }
    Path root = Path.of(m.group(1) == null ? "/" : m.group(1));
    return Optional.of(new KubeletVolumePath(root, m.group(2), m.group(3)));
  }

  /** Like {@link #parse} but for directories given as relative text too (kvctl, tests). */
  static Optional<KubeletVolumePath> parseLenient(Path dir) {
    Matcher m = SHAPE.matcher(dir.toString());
    if (!m.matches()) {
      return Optional.empty();
    }
    Path root = Path.of(m.group(1) == null ? "." : m.group(1));
    return Optional.of(new KubeletVolumePath(root, m.group(2), m.group(3)));
  }

  /** {@code <kubelet root>/pods}: the base of {@link #podDirs()}. */
  public Path podsDir() {
    return kubeletRoot.resolve("pods");
  }

  /** The directories from the pod's own down to the volume, which must never be links. */
  public List<String> podDirs() {
    return List.of(podUid, "volumes", PLUGIN_DIR, volumeName);
  }

  /** A key naming this volume whatever the kubelet root looks like from where it is seen. */
  public String volumeKey() {
    return podUid + "/" + volumeName;
  }

  /** The expected shape, for messages. */
  public static String expectedShape() {
    return "<kubelet root>/pods/<pod uid>/volumes/" + PLUGIN_DIR + "/<volume name>";
  }
}
