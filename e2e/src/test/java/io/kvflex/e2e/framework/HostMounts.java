package io.kvflex.e2e.framework;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The host's mount table as the test sees it ({@code /proc/self/mountinfo}): which mounts exist
 * under a directory, and removing leftovers after a scenario so one broken scenario cannot leak
 * tmpfs mounts into the next.
 */
public final class HostMounts {
  private final Path mountInfo;

  public HostMounts() {
    this(Path.of("/proc/self/mountinfo"));
  }

  HostMounts(Path mountInfo) {
    this.mountInfo = mountInfo;
  }

  /** Mount points at or below {@code dir}, deepest first. */
  public List<Path> under(Path dir) {
    String prefix = dir.toAbsolutePath().normalize().toString();
    List<Path> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(mountInfo)) {
        String[] f = line.split(" ");
        if (f.length > 4) {
          String point = unescape(f[4]);
          if (point.equals(prefix) || point.startsWith(prefix + "/")) {
            out.add(Path.of(point));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + mountInfo, e);
    }
    out.sort(Comparator.comparingInt(Path::getNameCount).reversed());
    return out;
  }

  /** The fstype and options of the mount at exactly {@code point}, e.g. {@code tmpfs rw,nosuid}. */
  public String describe(Path point) {
    String wanted = point.toAbsolutePath().normalize().toString();
    try {
      for (String line : Files.readAllLines(mountInfo)) {
        String[] f = line.split(" ");
        int dash = List.of(f).indexOf("-");
        if (f.length > 5 && unescape(f[4]).equals(wanted) && dash > 0 && dash + 1 < f.length) {
          return f[dash + 1] + " " + f[5];
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + mountInfo, e);
    }
    return "";
  }

  /** The mounts stacked at exactly {@code dir}, bottom first, as {@code tmpfs from "source"}. */
  public List<String> stackAt(Path dir) {
    String wanted;
    try {
      wanted = dir.toRealPath().toString();
    } catch (IOException e) {
      return List.of();
    }
    try {
      List<String> out = new ArrayList<>();
      for (io.kvflex.mount.MountTable.Entry e :
          new io.kvflex.mount.MountTable(mountInfo).stackAt(wanted)) {
        out.add(e.fsType() + " from \"" + e.source() + "\"");
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + mountInfo, e);
    }
  }

  /** Runs a mount tool, failing with its output. */
  static void run(String... argv) {
    try {
      Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
      String out =
          new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", argv) + " failed: " + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + argv[0], e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Lazily unmounts whatever is still mounted under {@code dir} (cleanup only, never asserted). */
  public void release(Path dir) {
    for (Path p : under(dir)) {
      try {
        new ProcessBuilder("umount", "-l", p.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start()
            .waitFor();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot run umount", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** mountinfo escapes space, tab, newline and backslash as octal. */
  static String unescape(String s) {
    return s.replace("\\040", " ")
        .replace("\\011", "\t")
        .replace("\\012", "\n")
        .replace("\\134", "\\");
  }
}
