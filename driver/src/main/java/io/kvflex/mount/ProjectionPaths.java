package io.kvflex.mount;

import io.kvflex.errors.UserInputException;
import io.kvflex.render.FileProjection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Path safety, checked again right before writing (the options parser checks aliases too; this is
 * the last line before root writes files). A path is relative, made of non-empty segments that are
 * not {@code .} or {@code ..}, its first segment does not start with {@code ..} (reserved for the
 * atomic layout), and no file is also the directory of another.
 */
public final class ProjectionPaths {
  static final int MAX_SEGMENT = 255;
  static final int MAX_PATH = 4096;

  private ProjectionPaths() {}

  /** The path's segments, or a {@link UserInputException} saying what is wrong. */
  public static List<String> segments(String relativePath) {
    if (relativePath.isEmpty()) {
      throw unsafe(relativePath, "it is empty");
    }
    if (relativePath.length() > MAX_PATH) {
      throw unsafe(relativePath, "it is longer than " + MAX_PATH + " characters");
    }
    if (relativePath.startsWith("/")) {
      throw unsafe(relativePath, "it is absolute; use a path relative to the volume");
    }
    if (relativePath.indexOf('\0') >= 0) {
      throw unsafe(relativePath, "it contains a NUL character");
    }
    List<String> segments = List.of(relativePath.split("/", -1));
    for (String segment : segments) {
      if (segment.isEmpty()) {
        throw unsafe(relativePath, "it has an empty segment (\"//\" or a trailing \"/\")");
      }
      if (segment.equals(".") || segment.equals("..")) {
        throw unsafe(relativePath, "it has a \"" + segment + "\" segment");
      }
      if (segment.length() > MAX_SEGMENT) {
        throw unsafe(relativePath, "a segment is longer than " + MAX_SEGMENT + " characters");
      }
    }
    if (segments.get(0).startsWith("..")) {
      throw unsafe(relativePath, "names starting with \"..\" are reserved for the volume layout");
    }
    return segments;
  }

  /** Checks every path, then that no two projections collide. */
  public static void checkAll(List<FileProjection> projections) {
    Set<String> files = new HashSet<>();
    Set<String> dirs = new HashSet<>();
    for (FileProjection p : projections) {
      List<String> segments = segments(p.relativePath());
      if (!files.add(p.relativePath())) {
        throw new UserInputException(
            "two objects would be written to \""
                + p.relativePath()
                + "\"; give them different aliases in keyvaultobjectaliases");
      }
      StringBuilder prefix = new StringBuilder();
      for (int i = 0; i < segments.size() - 1; i++) {
        prefix.append(i == 0 ? "" : "/").append(segments.get(i));
        dirs.add(prefix.toString());
      }
    }
    for (String dir : dirs) {
      if (files.contains(dir)) {
        throw new UserInputException(
            "\""
                + dir
                + "\" would be both a file and a directory; rename one of the aliases in"
                + " keyvaultobjectaliases");
      }
    }
  }

  private static UserInputException unsafe(String path, String why) {
    String shown = path.length() > 80 ? path.substring(0, 80) + "..." : path;
    return new UserInputException(
        "file path \""
            + shown
            + "\" is not safe inside the volume: "
            + why
            + "; fix keyvaultobjectaliases (or the object name)");
  }
}
