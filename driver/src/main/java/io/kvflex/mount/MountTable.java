package io.kvflex.mount;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads mount points from {@code /proc/self/mountinfo} (no {@code findmnt} needed on the node).
 * Field 5 is the mount point, with space, tab, newline and backslash escaped as octal ({@code
 * \040}).
 */
public final class MountTable {
  private final Path mountInfo;

  public MountTable(Path mountInfo) {
    this.mountInfo = mountInfo;
  }

  /** Every mount point, unescaped, in table order. */
  public List<String> mountPoints() throws IOException {
    List<String> points = new ArrayList<>();
    for (String line : Files.readAllLines(mountInfo, StandardCharsets.UTF_8)) {
      String[] fields = line.split(" ");
      if (fields.length > 4) {
        points.add(unescape(fields[4]));
      }
    }
    return points;
  }

  /** Whether {@code absolutePath} (already resolved) appears as a mount point. */
  public boolean contains(String absolutePath) throws IOException {
    return mountPoints().contains(absolutePath);
  }

  static String unescape(String field) {
    if (field.indexOf('\\') < 0) {
      return field;
    }
    StringBuilder b = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && isOctal(field, i + 1)) {
        b.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static boolean isOctal(String s, int from) {
    if (from + 3 > s.length()) {
      return false;
    }
    for (int i = from; i < from + 3; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '7') {
        return false;
      }
    }
    return true;
  }
}
