package io.kvflex.kvctl.lint;

import io.kvflex.kvctl.manifest.VolumeMount;
import io.kvflex.kvctl.manifest.Workload;
import io.kvflex.options.VaultObjectSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How containers mount the {@code azure/kv} volumes: never mounted, writable, subPath, and files of
 * different volumes colliding inside one container.
 */
final class MountCheck {

  void check(Workload w, List<VolumeContext> volumes, List<Finding> out) {
    for (VolumeContext ctx : volumes) {
      List<VolumeMount> mounts = w.mountsOf(ctx.volume().name());
      if (mounts.isEmpty()) {
        out.add(
            ctx.atVolume(
                ManifestRules.VOLUME_NOT_MOUNTED,
                ctx.describe()
                    + " is not mounted by any container, yet every object is fetched at pod"
                    + " start: add a volumeMount for it, or remove the volume"));
      }
      for (VolumeMount m : mounts) {
        if (!m.readOnly().orElse(false)) {
          out.add(
              ctx.finding(
                  ManifestRules.MOUNT_NOT_READ_ONLY,
                  "container "
                      + m.container()
                      + " mounts "
                      + ctx.describe()
                      + " at "
                      + m.mountPath()
                      + " writable: add readOnly: true to the volumeMount",
                  m.location(),
                  m.pointer()));
        }
        m.subPath()
            .ifPresent(
                sub ->
                    out.add(
                        ctx.finding(
                            ManifestRules.SUBPATH_MOUNT,
                            "container "
                                + m.container()
                                + " mounts "
                                + sub
                                + " of "
                                + ctx.describe()
                                + " with subPath: the file is bound once at container start"
                                + " and, if the name is not in the volume, becomes an empty"
                                + " directory; mount the volume at a directory instead",
                            m.location(),
                            m.pointer())));
      }
    }
    collisions(w, volumes, out);
  }

  /** One kv volume mounted (without subPath) in one container. */
  private record Placed(VolumeContext ctx, VolumeMount mount, String dir, List<String> files) {}

  private static void collisions(Workload w, List<VolumeContext> volumes, List<Finding> out) {
    Map<String, List<Placed>> byContainer = new LinkedHashMap<>();
    for (VolumeContext ctx : volumes) {
      List<String> files =
          ctx.parse()
              .request()
              .map(r -> r.objects().stream().map(VaultObjectSpec::fileName).toList())
              .orElse(List.of());
      for (VolumeMount m : w.mountsOf(ctx.volume().name())) {
        if (m.subPath().isEmpty() && !m.mountPath().isEmpty()) {
          byContainer
              .computeIfAbsent(
                  (m.initContainer() ? "init:" : "") + m.container(), k -> new ArrayList<>())
              .add(new Placed(ctx, m, normalise(m.mountPath()), files));
        }
      }
    }
    for (List<Placed> placed : byContainer.values()) {
      for (int i = 0; i < placed.size(); i++) {
        for (int j = 0; j < placed.size(); j++) {
          Placed a = placed.get(i);
          Placed b = placed.get(j);
          if (i == j || a.ctx() == b.ctx()) {
            continue;
          }
          if (a.dir().equals(b.dir()) && i < j) {
            out.add(collision(b, "is mounted at " + b.dir() + " like " + a.ctx().describe()));
          } else if (b.dir().startsWith(a.dir().equals("/") ? "/" : a.dir() + "/")) {
            String rel = b.dir().substring(a.dir().equals("/") ? 1 : a.dir().length() + 1);
            hidden(a, rel)
                .ifPresent(
                    f ->
                        out.add(
                            collision(
                                b,
                                "is mounted at "
                                    + b.dir()
                                    + ", hiding file "
                                    + f
                                    + " of "
                                    + a.ctx().describe()
                                    + " mounted at "
                                    + a.dir())));
          }
        }
      }
    }
  }

  /** A file of {@code a} at or under relative directory {@code rel}. */
  private static Optional<String> hidden(Placed a, String rel) {
    return a.files().stream().filter(f -> f.equals(rel) || f.startsWith(rel + "/")).findFirst();
  }

  private static Finding collision(Placed b, String what) {
    return b.ctx()
        .finding(
            ManifestRules.FILE_COLLISION,
            "in container "
                + b.mount().container()
                + ", "
                + b.ctx().describe()
                + " "
                + what
                + ": mount each volume at its own directory, or merge the objects into one volume"
                + " with distinct aliases",
            b.mount().location(),
            b.mount().pointer());
  }

  private static String normalise(String path) {
    String p = path.replaceAll("/+", "/");
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }
}
