package io.kvflex.kvctl.demo;

import io.kvflex.options.MountRequest;
import io.kvflex.options.OptionsParser;
import io.kvflex.options.VaultObjectSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a mount left in its directory: each file with the object and format it came from. */
final class MountedFiles {
  private MountedFiles() {}

  static List<String> describe(Path dir, String kubeletJson) {
    MountRequest request =
        new OptionsParser().parseJson(kubeletJson, Optional.empty()).request().orElseThrow();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"FILE", "SIZE", "MODE", "FORMAT", "FROM"});
    for (VaultObjectSpec spec : request.objects()) {
      Path file = dir.resolve(spec.fileName());
      try {
        rows.add(
            new String[] {
              spec.fileName(),
              Long.toString(Files.size(file)),
              PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
              spec.format().optionValue(),
              spec.ref().describe()
            });
      } catch (IOException e) {
        rows.add(new String[] {spec.fileName(), "-", "-", spec.format().optionValue(), "MISSING"});
      }
    }
    return aligned(rows);
  }

  /** True when {@code dir} is a mount point of type tmpfs (from /proc/self/mountinfo). */
  static boolean isTmpfs(Path dir) {
    try {
      String target = dir.toRealPath().toString();
      for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
        String[] f = line.split(" ");
        int dash = List.of(f).indexOf("-");
        if (f.length > 4 && f[4].equals(target) && dash > 0 && f[dash + 1].equals("tmpfs")) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  static String text(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> aligned(List<String[]> rows) {
    int[] w = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    List<String> out = new ArrayList<>();
    for (String[] r : rows) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        b.append(r[i]).append(" ".repeat(w[i] - r[i].length())).append("  ");
      }
      out.add(b.toString().stripTrailing());
    }
    return out;
  }
}
