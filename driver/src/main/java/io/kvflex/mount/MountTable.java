package io.kvflex.mount;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads mounts from {@code /proc/self/mountinfo} (no {@code findmnt} needed on the node). Each
 * line: {@code id parent major:minor root mountpoint options [optional fields] - fstype source
 * super}, with space, tab, newline and backslash escaped as octal ({@code \040}).
 */
public final class MountTable {
  private final Path mountInfo;

  public MountTable(Path mountInfo) {
    this.mountInfo = mountInfo;
  }

  /** The file this table is read from. */
  public Path file() {
    return mountInfo;
  }

  /** One mount as the kernel lists it. */
  public record Entry(
      int id,
      int parentId,
      String device,
      String root,
      String mountPoint,
      String fsType,
      String source) {
    public Entry {
      Objects.requireNonNull(device);
      Objects.requireNonNull(root);
      Objects.requireNonNull(mountPoint);
      Objects.requireNonNull(fsType);
      Objects.requireNonNull(source);
    }

    /** {@code tmpfs from "kvflex-..."} for messages: never more than the kernel shows anyone. */
    public String describe() {
      return fsType + " from \"" + source + "\"" + (root.equals("/") ? "" : " (" + root + ")");
    }
  }

  /** Every mount, in table order. */
  public List<Entry> entries() throws IOException {
    List<Entry> entries = new ArrayList<>();
    for (String line : Files.readAllLines(mountInfo, StandardCharsets.UTF_8)) {
      parse(line).ifPresent(entries::add);
    }
    return entries;
  }

  /** Every mount point, unescaped, in table order. */
  public List<String> mountPoints() throws IOException {
    return entries().stream().map(Entry::mountPoint).toList();
  }

  /** Whether {@code absolutePath} (already resolved) appears as a mount point. */
  public boolean contains(String absolutePath) throws IOException {
    return mountPoints().contains(absolutePath);
  }

  /**
   * The mounts stacked at {@code absolutePath} (already resolved), bottom first: a layer mounted
   * over another has the lower one as its parent. The last element is the one a process sees.
   */
  public List<Entry> stackAt(String absolutePath) throws IOException {
    List<Entry> at = new ArrayList<>();
    for (Entry e : entries()) {
      if (e.mountPoint().equals(absolutePath)) {
        at.add(e);
      }
    }
    List<Entry> ordered = new ArrayList<>();
    // The bottom is the layer whose parent is not at this path; each next layer names the previous.
    Entry current = at.stream().filter(e -> !hasId(at, e.parentId())).findFirst().orElse(null);
    while (current != null && ordered.size() < at.size()) {
      ordered.add(current);
      int id = current.id();
      current = at.stream().filter(e -> e.parentId() == id).reduce((a, b) -> b).orElse(null);
    }
    // Layers the chain did not reach (shadowed by a remount of a parent) keep table order, below.
    List<Entry> rest = new ArrayList<>(at);
    rest.removeAll(ordered);
    rest.addAll(ordered);
    return List.copyOf(rest);
  }

  private static boolean hasId(List<Entry> entries, int id) {
    return entries.stream().anyMatch(e -> e.id() == id);
  }

  static java.util.Optional<Entry> parse(String line) {
    String[] f = line.split(" ");
    int dash = -1;
    for (int i = 6; i < f.length; i++) {
      if (f[i].equals("-")) {
        dash = i;
        break;
      }
    }
    if (f.length < 5) {
      return java.util.Optional.empty();
    }
    try {
      String fsType = dash > 0 && dash + 1 < f.length ? unescape(f[dash + 1]) : "";
      String source = dash > 0 && dash + 2 < f.length ? unescape(f[dash + 2]) : "";
      return java.util.Optional.of(
          new Entry(
              Integer.parseInt(f[0]),
              Integer.parseInt(f[1]),
              f[2],
              unescape(f[3]),
              unescape(f[4]),
              fsType,
              source));
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }

  /**
   * The inverse of {@link #unescape}: space, tab, newline and backslash as the kernel writes them
   * ({@code \040}), so a field stays one word on one line.
   */
  static String escape(String value) {
    StringBuilder b = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\\') {
        b.append('\\').append(String.format("%03o", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
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
